-- Rows for the tables that grow without bound, shaped like the app's own (values of the same kinds and lengths as
-- the code writes them), on a database bench/generate.sql has filled (members, suggestions, votes, comments).
-- bench/growth.sh measures bytes per row on the result. Variable (psql -v): rows (per table, e.g. 200000).
-- Spread over the last 12 months (created_at), so that the partitioning proposals in docs/scaling/ have months to split.
\set ON_ERROR_STOP on
set synchronous_commit = off;
select setseed(0.19);
create temp table r as select min(id) m_lo, count(*) m_n from member;
create temp table s as select min(id) s_lo, count(*) s_n from suggestion;
create temp table c as select min(id) c_lo, count(*) c_n from comment;

-- Domain events: the mix the app writes (a comment posted is the most common event; then status changes, official
-- responses, replies, new suggestions), with the payloads of CommentingService, PostingService and StatusService.
insert into domain_event (kind, actor_id, suggestion_id, comment_id, payload, created_at, delivered_at)
select k.kind, (select m_lo from r) + g % (select m_n from r), (select s_lo from s) + g % (select s_n from s),
       case when k.kind in ('COMMENT_POSTED', 'COMMENT_REPLY', 'OFFICIAL_RESPONSE') then (select c_lo from c) + g % (select c_n from c) end,
       case k.kind
         when 'SUGGESTION_STATUS_CHANGED' then jsonb_build_object('from', 'OPEN', 'to', 'UNDER_REVIEW', 'note', '已收录，产品经理会跟进评估。')
         when 'SUGGESTION_POSTED' then jsonb_build_object('title', '希望相机增加夜景人像模式（#' || g || '）', 'board', 'bench-3')
         else jsonb_build_object('excerpt', '同意，+1。这个问题我也遇到过，希望尽快优化。Same here, would love to see this in the next weekly build. #' || g)
       end,
       t.at, t.at + interval '3 seconds'
from generate_series(1, :rows) g
cross join lateral (select (array['COMMENT_POSTED','COMMENT_POSTED','COMMENT_POSTED','COMMENT_POSTED','COMMENT_REPLY',
                                  'SUGGESTION_STATUS_CHANGED','OFFICIAL_RESPONSE','SUGGESTION_POSTED'])[1 + g % 8] as kind) k
cross join lateral (select now() - (g::float8 / :rows) * interval '365 days' as at) t;

-- Audiences and notifications: ten members per event that has an audience (a status change tells voters and
-- followers); a notification per audience row, most read, a tenth mailed.
insert into domain_event_audience (event_id, member_id, reason)
select e.id, (select m_lo from r) + (e.id * 7919 + k * 104729) % (select m_n from r), case when k % 3 = 0 then 'FOLLOWER' else 'VOTER' end
from domain_event e cross join generate_series(1, 10) k
where e.kind <> 'COMMENT_POSTED' and e.id % 4 = 0
on conflict do nothing;
insert into notification (member_id, event_id, kind, reason, actor_id, suggestion_id, comment_id, release_id, item_count,
                          created_at, read_at, mail_pending, mailed_at)
select a.member_id, e.id,
       case e.kind when 'SUGGESTION_STATUS_CHANGED' then 'STATUS_CHANGED' when 'COMMENT_REPLY' then 'COMMENT_REPLY'
                   when 'OFFICIAL_RESPONSE' then 'OFFICIAL_RESPONSE' else 'SUGGESTION_POSTED' end,
       a.reason, e.actor_id, e.suggestion_id, e.comment_id, null, 1, e.created_at,
       case when a.member_id % 5 <> 0 then e.created_at + interval '2 hours' end, false,
       case when a.member_id % 10 = 0 then e.created_at + interval '40 seconds' end
from domain_event_audience a join domain_event e on e.id = a.event_id;

-- The points ledger: a vote received is the most common award (one per vote), then comments and posts.
insert into honour_point (member_id, reason, source_id, points, suggestion_id, comment_id, created_at, revoked_at, revoked_cause)
select (select m_lo from r) + (g * 7919) % (select m_n from r), x.reason, g, x.points,
       (select s_lo from s) + g % (select s_n from s), case when x.reason = 'COMMENTED' then (select c_lo from c) + g % (select c_n from c) end,
       now() - (g::float8 / :rows) * interval '365 days',
       case when g % 50 = 0 then now() end, case when g % 50 = 0 then 'WITHDRAWN' end
from generate_series(1, :rows) g
cross join lateral (select (array['VOTE_RECEIVED','VOTE_RECEIVED','VOTE_RECEIVED','VOTE_RECEIVED','VOTE_RECEIVED','VOTE_RECEIVED','COMMENTED','POSTED'])[1 + g % 8] as reason,
                           (array[1,1,1,1,1,1,2,5])[1 + g % 8] as points) x;

-- Rate-limit hits (per member and action, kept until the same member acts again in that bucket) and request windows.
insert into rate_hit (bucket, subject, at)
select (array['VOTE','COMMENT','POST','REPORT','FOLLOW'])[1 + g % 5], 'm' || ((select m_lo from r) + (g * 7919) % (select m_n from r)),
       now() - (g::float8 / :rows) * interval '30 days'
from generate_series(1, :rows) g;
insert into rate_window (bucket, subject, slot, hits)
select (array['PAGE','SEARCH','HINTS','FEED'])[1 + g % 4], 'a' || (10 + g % 200) || '.' || (g % 250) || '.' || (g / 250 % 250) || '.' || (g % 97),
       (extract(epoch from now()) * 1000)::bigint / 60000 * 60000 - (g % 2) * 60000, 1 + g % 40
from generate_series(1, :rows) g
on conflict do nothing;

-- Audit entries: a PM's status change with before/after and a reason, the most common staff action.
-- The table refuses updates and deletes (a trigger), which is why it can only be detached, never pruned.
insert into audit_entry (actor_id, action, target_type, target_id, before, after, reason, created_at)
select (select m_lo from r) + g % 50, (array['suggestion.status','suggestion.hide','comment.hide','member.silence','suggestion.merge'])[1 + g % 5],
       (array['suggestion','suggestion','comment','member','suggestion'])[1 + g % 5], g,
       jsonb_build_object('status', 'OPEN'), jsonb_build_object('status', 'UNDER_REVIEW', 'note', '已收录'),
       case when g % 3 = 0 then '重复内容，已合并到更早的建议。' end,
       now() - (g::float8 / :rows) * interval '365 days'
from generate_series(1, :rows) g;

-- Mail failures: one row per member and kind while failing, kept when resolved; a tenth of the rows (they are rare).
insert into mail_failure (member_id, kind, attempts, first_failed_at, last_attempt_at, next_attempt_at, last_error,
                          gave_up_at, resolved_at)
select (select m_lo from r) + g % (select m_n from r), case when g % 7 = 0 then 'DIGEST' else 'IMMEDIATE' end, 1 + g % 12,
       t.at, t.at + interval '1 hour', t.at + interval '2 hours',
       '450 4.2.0 <fan' || g || '@example.com>: Recipient address rejected: Mailbox temporarily unavailable; try again later',
       null, t.at + interval '3 hours'
from generate_series(1, :rows / 10) g
cross join lateral (select now() - (g::float8 / (:rows / 10)) * interval '365 days' as at) t;

-- Webhook deliveries: one per endpoint and event; the body is the JSON the receiver gets (a comment.created event with
-- the post's title and the comment's text, as WebhookPayloads writes it), most delivered.
insert into webhook_endpoint (url, events, secret_sealed, created_at)
values ('https://hooks.example.com/fanloop', '{comment.created,suggestion.created,suggestion.status_changed}', 'v1:bench', now());
insert into webhook_delivery (endpoint_id, event_id, event_uuid, delivery_uuid, event_type, body, status, attempts,
                              next_attempt_at, last_attempt_at, last_status_code, last_duration_ms, created_at, delivered_at)
select (select max(id) from webhook_endpoint), e.id, gen_random_uuid(), gen_random_uuid(), 'comment.created',
       json_build_object('id', gen_random_uuid(), 'type', 'comment.created', 'created_at', e.created_at,
         'data', json_build_object('comment', json_build_object('id', e.comment_id, 'url', 'https://fans.example.com/suggestions/' || e.suggestion_id || '#c' || e.comment_id,
             'body', '同意，+1。这个问题我也遇到过，希望尽快优化。Same here, would love to see this in the next weekly build.',
             'author', json_build_object('id', e.actor_id, 'name', '米粉' || e.actor_id)),
           'suggestion', json_build_object('id', e.suggestion_id, 'title', '希望相机增加夜景人像模式', 'board', 'bench-3',
             'url', 'https://fans.example.com/suggestions/' || e.suggestion_id)))::text,
       case when e.id % 50 = 0 then 'FAILED' else 'DELIVERED' end, 1, e.created_at, e.created_at + interval '1 second', 200, 35,
       e.created_at, e.created_at + interval '1 second'
from domain_event e where e.kind = 'COMMENT_POSTED';

vacuum analyze domain_event; vacuum analyze domain_event_audience; vacuum analyze notification; vacuum analyze honour_point;
vacuum analyze rate_hit; vacuum analyze rate_window; vacuum analyze audit_entry; vacuum analyze mail_failure;
vacuum analyze webhook_delivery;
