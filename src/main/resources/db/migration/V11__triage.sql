-- When a PM or admin first answered officially; the 48-hour target is measured against it.
alter table suggestion add column first_response_at timestamptz;
update suggestion s set first_response_at = (
    select min(c.created_at) from comment c where c.suggestion_id = s.id and c.official);

-- The inbox sorts and the "needs an answer" view, across boards.
create index suggestion_inbox_votes on suggestion (vote_count desc, id desc) where status = 'OPEN' and not hidden;
create index suggestion_inbox_trending on suggestion (trending desc, id desc) where status = 'OPEN' and not hidden;
create index suggestion_inbox_new on suggestion (created_at desc, id desc) where status = 'OPEN' and not hidden;
create index suggestion_unanswered on suggestion (created_at, id)
    where first_response_at is null and not hidden and status <> 'MERGED';
create index suggestion_answered on suggestion (created_at) where first_response_at is not null;

-- Votes per day for the sparklines.
create index vote_suggestion_time on vote (suggestion_id, created_at);
