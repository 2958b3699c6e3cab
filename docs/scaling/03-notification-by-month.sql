-- PROPOSAL, not a Flyway migration (docs/SCALING.md, "Tables that grow without bound"); needs 01 and 02.
-- Tried by bench/growth.sh (bench/GROWTH-RESULTS.md).
--
-- notification partitioned by month of created_at (its event's time), the months archived with their events (04).
-- "Exactly one per event and member" stays a database constraint: unique (event_id, member_id, created_at) is the same
-- rule, because created_at is a function of event_id (the event's created_at).
--
-- The one code change: NotificationDelivery's two inserts say `on conflict (event_id, member_id) do nothing`; the
-- conflict target must name the new constraint's columns, `on conflict (event_id, member_id, created_at) do nothing`
-- (or `on conflict do nothing`). A member's list, bell and unread count read notification_member and
-- notification_unread in each partition (a merge of a dozen index scans, newest first); the mail job's claim reads
-- notification_mail_pending, a partial index that stays tiny in every month.
call fanloop_partition_by_month('notification', 3);
alter table notification add constraint notification_once unique (event_id, member_id, created_at);
alter table notification add constraint notification_event_id_fkey
    foreign key (event_id, created_at) references domain_event (id, created_at) on delete cascade;
