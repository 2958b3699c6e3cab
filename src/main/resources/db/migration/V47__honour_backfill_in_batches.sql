-- The honours backfill runs in the background in batches (HonourBackfill): its row is now also its cursor.
-- The first node to start inserts it with the cut-offs (the highest suggestion, vote, comment and report
-- ids then); rows above a cut-off are the live rules' business. Each batch locks the row
-- (for update skip locked: one node works at a time), writes the ledger rows of the next id range and
-- moves the row on, in one transaction, so a restart resumes and a crash repeats nothing.
-- A database whose backfill already ran (the one-transaction version) keeps its row, marked done.
alter table honour_backfill rename column ran_at to started_at;
alter table honour_backfill
    add column phase          varchar(12) not null default 'DONE'
                              check (phase in ('SUGGESTIONS', 'VOTES', 'COMMENTS', 'REPORTS', 'DONE')),
    -- The last source id done in the current phase.
    add column after_id       bigint not null default 0,
    add column suggestion_upto bigint not null default 0,
    add column vote_upto      bigint not null default 0,
    add column comment_upto   bigint not null default 0,
    add column report_upto    bigint not null default 0,
    add column batches        integer not null default 0,
    -- Ledger rows this backfill wrote (progress; the rows themselves are in honour_point).
    add column rows_written   bigint not null default 0,
    add column finished_at    timestamptz;
update honour_backfill set finished_at = started_at;
alter table honour_backfill alter column phase drop default;
