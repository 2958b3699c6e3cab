-- The data of bench/fanout.sh, on a migrated, empty scratch database: a release about to ship suggestions that many
-- members voted on and follow, on a channel that every member follows.
-- Variables (psql -v): members (e.g. 100000), voter_share (0.5: that share of members voted on one shipped suggestion
-- and follows it), mail_share (0.1: that share of members wants mail "immediately"; the rest keep the weekly digest).
\set ON_ERROR_STOP on
set synchronous_commit = off;

insert into member (subject, name, email, created_at, last_seen_at)
select 'fanout-' || g, case when g % 2 = 0 then '米粉' || g else 'Fan ' || g end, 'fanout-' || g || '@example.com',
       now() - interval '400 days', now()
from generate_series(0, :members) g;   -- member fanout-0 is the PM who wrote the release
create temp table ids as select min(id) pm, min(id) + 1 lo, max(id) hi from member where subject like 'fanout-%';

insert into board (slug, name, name_en, description, position) values ('fanout', '扇出', 'Fan-out', '', 1);
-- Ten suggestions the release ships, PLANNED, each by its own author (members 1..10).
insert into suggestion (board_id, author_id, kind, title, body, body_html, status, trending, created_at)
select (select id from board where slug = 'fanout'), (select lo from ids) + g - 1, 'SUGGESTION',
       '希望相机增加第 ' || g || ' 个功能', '每天都会用到。', '<p>每天都会用到。</p>', 'PLANNED', 0, now() - interval '30 days'
from generate_series(1, 10) g;
create temp table shipped as select id, row_number() over (order by id) - 1 as k from suggestion
  where board_id = (select id from board where slug = 'fanout');

-- Voters: member i (the first voter_share of them) votes on suggestion i mod 10 and follows it.
insert into vote (suggestion_id, cast_on_id, member_id, created_at)
select s.id, s.id, m.id, now() - interval '10 days'
from member m join shipped s on s.k = m.id % 10
where m.id between (select lo from ids) and (select lo from ids) + (:members * :voter_share)::int - 1;
insert into suggestion_follow (suggestion_id, member_id, created_at)
select suggestion_id, member_id, created_at from vote where suggestion_id in (select id from shipped)
union
select id, author_id, now() - interval '30 days' from suggestion where id in (select id from shipped);
update suggestion s set vote_count = (select count(*) from vote v where v.suggestion_id = s.id),
                        follower_count = (select count(*) from suggestion_follow f where f.suggestion_id = s.id)
where id in (select id from shipped);
update board set suggestion_count = 10 where slug = 'fanout';

-- Every member follows the DEV channel.
insert into channel_follow (channel, member_id, created_at)
select 'DEV', id, now() - interval '100 days' from member where id between (select lo from ids) and (select hi from ids);

-- Mail "immediately" for a share of them, spread over the id range; languages mixed.
insert into notification_preference (member_id, email_mode, language)
select id, 'IMMEDIATE', case when id % 2 = 0 then 'zh' else 'en' end from member
where id between (select lo from ids) and (select hi from ids)
  and (id % 1000) < (1000 * :mail_share)::int;

-- The release: one line naming the ten suggestions; the script schedules it due.
insert into release (version, channel, week, summary, summary_html, state, created_by_id)
values ('OS-FANOUT.DEV', 'DEV', '2026-W49', '扇出测试', '<p>扇出测试</p>', 'DRAFT', (select pm from ids));
insert into release_item (release_id, section, position, text, text_html)
select id, 'NEW', 0, '相机新功能', '<p>相机新功能</p>' from release where version = 'OS-FANOUT.DEV';
insert into release_item_suggestion (item_id, suggestion_id)
select (select id from release_item limit 1), id from shipped;

vacuum analyze member; vacuum analyze vote; vacuum analyze suggestion_follow; vacuum analyze channel_follow;
vacuum analyze notification_preference;
select (select count(*) from member) members, (select count(*) from vote) votes,
       (select count(*) from suggestion_follow) follows, (select count(*) from channel_follow) channel_followers,
       (select count(*) from notification_preference where email_mode = 'IMMEDIATE') immediate_mail;
