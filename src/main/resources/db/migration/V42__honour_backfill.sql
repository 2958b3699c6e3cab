-- Members who took part before honours existed get their points once: HonourBackfill builds the ledger
-- from the posts, votes, comments, statuses and upheld reports already there, on the first start
-- after this migration. The row is its claim, so one node does it once.
create table honour_backfill (
    id     smallint primary key check (id = 1),
    ran_at timestamptz not null
);
