-- The search catch-up (SearchReindex) runs in the background in resumable batches, once per cluster. One row per
-- run: the analysis version it brings rows to, the highest ids when it began (rows above them are indexed by the
-- live writes), the stale rows it found then, and its cursor: the source it is on and the last id done there.
-- Each batch locks the run's row (for update skip locked: one node works at a time, another takes over if it
-- stops), writes the vectors of the next id range and moves the cursor, in one transaction: a restart resumes,
-- a crash repeats nothing. The admin page (/admin/search) shows the latest run.
create table search_reindex (
    id              bigint generated always as identity primary key,
    version         smallint not null,
    phase           varchar(12) not null check (phase in ('SUGGESTIONS', 'COMMENTS', 'RELEASES', 'DONE')),
    -- The last id done in the current phase's table.
    after_id        bigint not null,
    suggestion_from bigint not null,
    suggestion_upto bigint not null,
    comment_from    bigint not null,
    comment_upto    bigint not null,
    release_from    bigint not null,
    release_upto    bigint not null,
    -- Rows not indexed by this version when the run began: its work.
    total_rows      bigint not null,
    -- Rows it indexed (a row a live write indexed first is not counted).
    rows_done       bigint not null default 0,
    batches         integer not null default 0,
    -- The working node's rate and name, as of the last batch.
    rows_per_second real,
    node            varchar(200),
    started_at      timestamptz not null,
    updated_at      timestamptz,
    finished_at     timestamptz,
    check ((phase = 'DONE') = (finished_at is not null))
);
-- One unfinished run at a time: the nodes starting together record one.
create unique index search_reindex_unfinished on search_reindex ((true)) where phase <> 'DONE';
