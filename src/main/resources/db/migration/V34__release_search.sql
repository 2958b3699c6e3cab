-- Release notes are a search source too: one vector per release holds its version (weight A), its
-- summary and every line of its notes (B), written by the app in the same transaction as any edit
-- of the release or its lines. Only published releases are searched; the state is read at query time.
alter table release
    add column search_vector  tsvector,
    add column search_version smallint not null default 0;

create index release_search on release using gin (search_vector) where state = 'PUBLISHED';
