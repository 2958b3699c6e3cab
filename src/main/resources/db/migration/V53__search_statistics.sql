-- The planner chooses how to find search candidates (V52) from how often the query's words occur: the
-- statistics of a tsvector keep its most common words. Ten times the default sample keeps the frequencies
-- of ten thousand words instead of a thousand, so a word of middling frequency is not taken for a rare one.
alter table suggestion alter column search_vector set statistics 1000;
alter table comment alter column search_vector set statistics 1000;
alter index suggestion_title_search alter column 1 set statistics 1000;
