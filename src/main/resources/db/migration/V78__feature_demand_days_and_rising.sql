-- Demand over time (issue 22): per feature item and site-zone day, how many members became voters of the item
-- (their first vote on any of its suggestions) and how many stopped being one (their last vote withdrawn). Written
-- by triage/FeatureDemand in the vote's transaction, rebuilt from the votes when an item's suggestions change (link,
-- unlink, merge, purge); sum(gained - lost) over an item's days is its demand.
create table feature_demand_day (
    feature_item_id bigint not null references feature_item (id) on delete cascade,
    day             date not null,
    gained          integer not null default 0 check (gained >= 0),
    lost            integer not null default 0 check (lost >= 0),
    primary key (feature_item_id, day)
);

-- The backfill of feature_demand_day for the items that existed before it (insight/InsightJobs): walks the items by
-- id, resumably; the row starts "never ran" so every existing database fills it at its next start.
create table feature_demand_backfill (
    id       smallint primary key check (id = 1),
    after_id bigint not null default 0,
    done_at  timestamptz
);
insert into feature_demand_backfill (id) values (1);

-- Rising suggestions (largest vote gain over the last 7 days against the 7 before), computed by the roll-up job once
-- per cluster per period (insight/RisingSuggestions): the first 20 of all boards (board_id 0) and of each board.
create table insight_rising (
    board_id      bigint not null,
    rank          smallint not null,
    suggestion_id bigint not null references suggestion (id) on delete cascade,
    recent        integer not null,
    before        integer not null,
    primary key (board_id, rank)
);
-- When the rising list was last computed; the job's claim (for update skip locked) is this row.
create table insight_rising_run (
    id          smallint primary key check (id = 1),
    computed_at timestamptz
);
insert into insight_rising_run (id) values (1);
