-- Daily roll-ups of the feedback for the insights page and the community figures (see insight/InsightDays).
-- One row per site-zone day, board and kind, over the posts public to everyone (member/Visibility.sqlPublic):
-- how many were posted that day and where they stand now (the funnel), and the minutes each waited for its
-- first official answer and for shipping (the page takes median and p90 over these arrays).
create table insight_day (
    day             date not null,
    board_id        bigint not null references board (id) on delete cascade,
    kind            varchar(12) not null check (kind in ('SUGGESTION', 'BUG')),
    posted          integer not null check (posted >= 0),
    reviewed        integer not null check (reviewed >= 0),
    planned         integer not null check (planned >= 0),
    shipped         integer not null check (shipped >= 0),
    declined        integer not null check (declined >= 0),
    merged          integer not null check (merged >= 0),
    answered        integer not null check (answered >= 0),
    answer_minutes  integer[] not null default '{}',
    ship_minutes    integer[] not null default '{}',
    primary key (day, board_id, kind)
);

-- The hours (UTC, truncated) whose posts changed in a way the roll-ups count: written by the trigger below in the
-- transaction of the change, claimed and cleared by the roll-up job (for update skip locked, once per cluster).
create table insight_dirty (
    hour timestamptz primary key
);

create function insight_mark_dirty() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        insert into insight_dirty (hour) values (date_trunc('hour', old.created_at)) on conflict do nothing;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into insight_dirty (hour) values (date_trunc('hour', new.created_at)) on conflict do nothing;
        return new;
    end if;
    return old;
end $$;

create trigger suggestion_insight_insert after insert or delete on suggestion
    for each row execute function insight_mark_dirty();
-- Only the columns the roll-ups read: a vote or a comment count moving marks nothing.
create trigger suggestion_insight_update after update of status, hidden, program_id, board_id, kind,
    first_response_at, status_changed_at, created_at on suggestion
    for each row execute function insight_mark_dirty();

-- The roll-up backfill: walks every day from the first post to the day it began, resumably.
create table insight_backfill (
    id        smallint primary key check (id = 1),
    first_day date not null,
    next_day  date not null,
    last_day  date not null,
    done_at   timestamptz
);

-- A day's posts by creation time (the roll-up of one day reads a range of this index).
create index suggestion_created on suggestion (created_at);
-- Rising suggestions: the votes of the last 14 days, a range of this index.
create index vote_created on vote (created_at) include (suggestion_id);
