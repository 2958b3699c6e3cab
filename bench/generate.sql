-- Fills a migrated Fanloop database with benchmark data using set-based SQL (generate_series).
-- Variables (psql -v): scale (1 = 1,000,000 suggestions, 10,000,000 votes, 3,000,000 comments, 200,000 members).
-- Run through bench/generate.sh, which creates and migrates the database first.
-- Order: rows first, counters while the table has no secondary indexes, indexes rebuilt last.
\set ON_ERROR_STOP on
\timing on
\if :{?scale}
\else
\set scale 1
\endif
select setseed(0.42);
set session_replication_role = replica;   -- no FK triggers while loading; the data is consistent by construction
set maintenance_work_mem = '512MB';
set work_mem = '256MB';
set synchronous_commit = off;

create temp table params as select
  (200000 * :scale)::int   as members,
  (1000000 * :scale)::int  as suggestions,
  (3000000 * :scale)::int  as comments;

\echo '[1/8] dropping secondary indexes (saved and rebuilt at the end)'
create table bench_saved_index (tbl text, name text, def text);
insert into bench_saved_index
select i.tablename, i.indexname, i.indexdef from pg_indexes i
where i.schemaname = 'public' and i.tablename in ('suggestion', 'vote', 'comment', 'suggestion_follow')
  and not exists (select 1 from pg_constraint c where c.conname = i.indexname);
do $$ declare r record; begin
  for r in select name from bench_saved_index loop execute format('drop index %I', r.name); end loop;
end $$;
alter table vote drop constraint vote_once;

\echo '[2/8] members'
insert into member (subject, name, email, created_at, last_seen_at)
select 'bench-' || g,
       case when g % 2 = 0 then (array['米粉','小米','橙子','极客','摄影师','学生党','老用户','发烧友'])[1 + g % 8] || g
            else (array['Alex','Sam','Lee','Kim','Jo','Max','Ana','Ravi'])[1 + g % 8] || ' ' || g end,
       'bench-' || g || '@example.com',
       now() - (random() * interval '900 days'), now()
from generate_series(1, (select members from params)) g;
create temp table member_range as select min(id) lo, max(id) hi, count(*) n from member where subject like 'bench-%';

\echo '[3/8] boards'
insert into board (slug, name, name_en, description, description_en, position)
select 'bench-' || g, (array['相机','电池与充电','通知栏','桌面','小爱同学','系统更新','锁屏','游戏','网络','显示','音频','隐私','安全中心','主题','输入法','相册','天气','钱包','健康','其他'])[g],
       'Board ' || g, '基准测试版块 ' || g, 'Benchmark board ' || g, g
from generate_series(1, 20) g;
create temp table board_ids as select id, row_number() over (order by id) - 1 as k from board;

\echo '[4/8] suggestions'
insert into suggestion (board_id, author_id, kind, title, body, body_html, device_model, system_version, frequency, steps,
                        status, trending, created_at)
select b.id,
       (select lo from member_range) + (g::bigint * 7919) % (select n from member_range),
       case when g % 10 = 0 then 'BUG' else 'SUGGESTION' end,
       t.title, t.body, '<p>' || t.body || '</p>',
       case when g % 10 = 0 then 'Xiaomi ' || (10 + g % 5) end,
       case when g % 10 = 0 then 'HyperOS 2.0.' || (g % 30) end,
       case when g % 10 = 0 then 'OFTEN' end,
       case when g % 10 = 0 then '1. 打开相机 2. 切换到夜景 3. Tap the shutter' end,
       (array['OPEN','OPEN','OPEN','OPEN','OPEN','OPEN','UNDER_REVIEW','PLANNED','IN_PROGRESS','SHIPPED','DECLINED'])[1 + g % 11],
       -- Per row, over two years, denser towards now. (It was an uncorrelated lateral subquery, which PostgreSQL
       -- evaluates once: every suggestion had the same created_at, and the votes fell within days of it.)
       0, now() - power(random(), 2) * interval '730 days'
from generate_series(1, (select suggestions from params)) g
join board_ids b on b.k = g % 20
cross join lateral (select
   case when g % 3 = 0
     then (array['Please add','Improve','Fix','Allow','Make','Bring back'])[1 + g % 6] || ' '
          || (array['night mode for the camera','battery saver schedule','notification grouping','app drawer folders','dual clock widget','lock screen shortcuts','per-app volume','game turbo overlay'])[1 + (g / 7) % 8]
          || ' (#' || g || ')'
     else (array['希望','建议','能否','强烈建议','求'])[1 + g % 5]
          || (array['相机增加夜景人像模式','电池优化支持定时省电','通知栏支持分组折叠','桌面支持应用抽屉文件夹','锁屏增加快捷开关','单独调节应用音量','游戏加速悬浮窗可隐藏','相册支持按地点浏览'])[1 + (g / 7) % 8]
          || '（#' || g || '）' end as title,
   case when g % 3 = 0
     then 'I use this every day. It would help a lot if it worked like on other phones. Device details in the comments.'
     else '每天都会用到这个功能，希望官方能够考虑。现在的体验不太方便，其他系统已经支持了。谢谢小米的工程师们！' end as body) t;
create temp table sugg_range as select min(id) lo, max(id) hi, count(*) n from suggestion;

\echo '[5/8] votes (long tail: votes per suggestion = floor(2.25 * u^-0.8), about 10 on average, up to ~100,000)'
-- Members are k-th multiples of a prime modulo the member count, so pairs are distinct without a check.
insert into vote (suggestion_id, cast_on_id, member_id, created_at)
select s.id, s.id,
       (select lo from member_range) + ((s.id * 7919 + k::bigint * 104729) % (select n from member_range)),
       s.created_at + random() * (now() - s.created_at)
from (select id, created_at,
             least((select n from member_range) - 1, floor(2.25 * power(greatest(random(), 1e-9), -0.8)))::int as n
      from suggestion) s
cross join lateral generate_series(1, s.n) k;
select count(*) as votes from vote;

\echo '[6/8] comments (the first suggestion gets exactly 50 for the suggestion-page benchmark)'
insert into comment (suggestion_id, author_id, body, body_html, created_at)
select (select lo from sugg_range) + 1 + floor(random() * ((select n from sugg_range) - 1))::bigint,
       (select lo from member_range) + (g::bigint * 104729) % (select n from member_range),
       b.body, '<p>' || b.body || '</p>', now() - random() * interval '700 days'
from generate_series(1, (select comments from params) - 50) g
cross join lateral (select case when g % 2 = 0 then '同意，+1。这个问题我也遇到过，希望尽快优化。' else 'Same here, +1. Would love to see this in the next weekly build.' end || ' #' || g as body) b;
insert into comment (suggestion_id, author_id, body, body_html, created_at)
select (select lo from sugg_range), (select lo from member_range) + g,
       '第 ' || g || ' 条评论 — comment number ' || g, '<p>第 ' || g || ' 条评论 — comment number ' || g || '</p>',
       now() - (50 - g) * interval '1 hour'
from generate_series(1, 50) g;

\echo '[7/8] authors follow their suggestions; counters and trending (the formula of Trending.RECOMPUTE_ALL, as set-based aggregates)'
-- RECOMPUTE_ALL runs correlated subqueries per suggestion; at a million rows the comment count alone
-- would scan the comment table once per suggestion (no index on comment.suggestion_id covers replies).
-- Same values, computed by grouping once: trending = log2(2^e(post) + sum 2^e(vote)), e = (t - 2024-01-01) / half-life.
-- Exponents stay within ±400 for these dates, so the sum needs no max-shift to stay in double range.
insert into suggestion_follow (suggestion_id, member_id, created_at) select id, author_id, created_at from suggestion;
create temp table agg_votes as
  select suggestion_id id, count(distinct member_id) n,
         sum(power(2::float8, (extract(epoch from created_at) - extract(epoch from timestamptz '2024-01-01Z')) / (3 * 86400))) w
  from vote group by suggestion_id;
create temp table agg_comments as select suggestion_id id, count(*) n from comment where not hidden group by suggestion_id;
create unique index on agg_votes (id);
create unique index on agg_comments (id);
update suggestion s set
  vote_count = coalesce(v.n, 0),
  comment_count = coalesce(c.n, 0),
  follower_count = 1,
  trending = ln(power(2::float8, (extract(epoch from s.created_at) - extract(epoch from timestamptz '2024-01-01Z')) / (3 * 86400))
                + coalesce(v.w, 0)) / ln(2)
from suggestion base
left join agg_votes v on v.id = base.id
left join agg_comments c on c.id = base.id
where s.id = base.id;
\echo '[8/8] rebuilding indexes and constraints'
alter table vote add constraint vote_once unique (cast_on_id, member_id);
do $$ declare r record; begin
  for r in select def from bench_saved_index loop execute r.def; end loop;
end $$;
drop table bench_saved_index;
update board b set suggestion_count = (select count(*) from suggestion s where s.board_id = b.id);

reset session_replication_role;
vacuum analyze member; vacuum analyze board; vacuum analyze suggestion; vacuum analyze vote; vacuum analyze comment; vacuum analyze suggestion_follow;
select (select count(*) from suggestion) suggestions, (select count(*) from vote) votes,
       (select count(*) from comment) comments, (select count(*) from member) members,
       (select max(vote_count) from suggestion) max_votes,
       (select percentile_cont(0.5) within group (order by vote_count) from suggestion) median_votes;
