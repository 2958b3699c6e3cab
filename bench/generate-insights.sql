-- What the insights page (/triage/insights, issue 22) reads and bench/generate.sql leaves empty: official answers
-- (first_response_at), the time of the last status change (status_changed_at, the ship time of SHIPPED posts),
-- weekly published releases over the two years the posts span, and feature items with linked suggestions and
-- their demand. Then the insight roll-ups are reset to "never ran", as a database looks right after the
-- migrations, so that the app's first start backfills them (InsightJobs). Run by bench/generate.sh after
-- generate.sql; on an existing bench database: psql -d fanloop_bench -f bench/generate-insights.sql
\set ON_ERROR_STOP on
\timing on
select setseed(0.22);
set session_replication_role = replica;   -- no roll-up triggers: the backfill rebuilds everything after
set work_mem = '256MB';
set synchronous_commit = off;

\echo '[insights 1/4] official answers and status times'
-- Every post that left OPEN was answered (a PM answers when changing the status); 40% of the open ones too.
-- The wait is skewed: most within a day or two, a tail of weeks (u^3 × 20 days); never after now.
update suggestion s set
  first_response_at = case when s.status <> 'OPEN' or random() < 0.4
                           then least(now(), s.created_at + power(random(), 3) * interval '20 days') end,
  status_changed_at = case when s.status <> 'OPEN'
                           then least(now(), s.created_at + interval '1 hour' + power(random(), 2) * interval '90 days') end;

\echo '[insights 2/4] a published weekly release every Friday for two years'
insert into release (version, channel, week, summary, summary_html, state, published_at, published_by_id, created_by_id)
select 'OS2.0.' || g || '.0.BENCH', 'DEV', to_char(f, 'IYYY-"W"IW'), 'Weekly build ' || g, '<p>Weekly build ' || g || '</p>',
       'PUBLISHED', f + interval '10 hours', (select min(id) from member), (select min(id) from member)
from generate_series(1, 104) g
cross join lateral (select date_trunc('week', now()) - (104 - g) * interval '7 days' + interval '4 days' as f) w
where f + interval '10 hours' < now();

\echo '[insights 3/4] 2,000 feature items, each with about 10 linked suggestions (every 50th suggestion)'
insert into feature_item (title, status, priority, created_by_id, created_at, status_changed_at)
select 'Feature ' || g || ': ' || (array['night portrait mode','scheduled battery saver','grouped notifications','app drawer folders','lock screen shortcuts','per-app volume','hideable game overlay','photos by place'])[1 + g % 8],
       (array['BACKLOG','BACKLOG','BACKLOG','BACKLOG','BACKLOG','PLANNED','PLANNED','IN_PROGRESS','SHIPPED','CANCELLED'])[1 + g % 10],
       g % 4, (select min(id) from member), now() - interval '700 days', now() - (g % 300) * interval '1 day'
from generate_series(1, 2000) g;
update suggestion s set feature_item_id = f.id
from (select id, row_number() over (order by id) - 1 as k from feature_item) f
where s.id % 50 = 0 and f.k = (s.id / 50) % 2000;
-- Demand: distinct voters over the item's suggestions (triage/FeatureDemand.of).
update feature_item f set demand = d.n
from (select x.feature_item_id id, count(distinct v.member_id) n from vote v join suggestion x on x.id = v.suggestion_id
      where x.feature_item_id is not null group by 1) d
where d.id = f.id;

\echo '[insights 4/4] the roll-ups reset to "never ran" (the next start of the app backfills them)'
truncate insight_day, insight_dirty;
delete from insight_backfill;
do $$ begin
  if to_regclass('feature_demand_day') is not null then
    execute 'truncate feature_demand_day, insight_rising';
    execute 'update feature_demand_backfill set after_id = 0, done_at = null';
    execute 'update insight_rising_run set computed_at = null';
  end if;
end $$;
reset session_replication_role;
vacuum analyze suggestion; vacuum analyze feature_item; vacuum analyze release;
select (select count(*) from suggestion where first_response_at is not null) answered,
       (select count(*) from suggestion where feature_item_id is not null) linked,
       (select max(demand) from feature_item) max_demand,
       (select count(*) from release where state = 'PUBLISHED') releases;
