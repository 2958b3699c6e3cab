-- Search ranks candidates, not every match (SearchService, "Two phases"): the most-voted suggestions whose
-- title matches and the most-voted matching anywhere. For a common word PostgreSQL walks the suggestions by
-- votes and tests each row; for a rarer one it reads the matches from a full-text index. These are the two
-- indexes that walk and that lookup need: every suggestion by votes (the visibility rule is tested per row,
-- so a fan's own hidden posts are among them), and the titles' words alone (weight A of search_vector), whose
-- statistics also tell the planner how common a word is in titles.
-- At a million suggestions the two take about 10 s, while writes to suggestions wait. On a larger database an
-- operator builds them beforehand with CREATE INDEX CONCURRENTLY under these names (docs/SCALING.md); this
-- migration then finds them. (Flyway holds a transaction open while it migrates, so a concurrent build here
-- would wait for it forever.)
create index if not exists suggestion_votes on suggestion (vote_count desc, id desc);
create index if not exists suggestion_title_search on suggestion using gin (ts_filter(search_vector, '{a}'));
