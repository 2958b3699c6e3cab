-- Full-text search. The words of each suggestion and comment, as the app's analysis cut them
-- (Chinese segmented into words, English stemmed; see SearchAnalyzer), with their positions and
-- weights: written by the app in the same transaction as the text. search_version says which
-- analysis wrote them, so a changed analysis can index every row again.
alter table suggestion
    add column search_vector  tsvector,
    add column search_version smallint not null default 0;
alter table comment
    add column search_vector  tsvector,
    add column search_version smallint not null default 0;

create index suggestion_search on suggestion using gin (search_vector);
create index comment_search on comment using gin (search_vector);
