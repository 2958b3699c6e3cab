-- PROPOSAL, not a Flyway migration (docs/SCALING.md, "Tables that grow without bound"); needs 01-monthly-partitions.sql.
-- Tried by bench/growth.sh (bench/GROWTH-RESULTS.md).
--
-- domain_event partitioned by month of created_at, so that a month of events leaves with one DETACH (04) instead of
-- a DELETE of millions of rows and the vacuum after it.
--
-- What points at domain_event changes with it:
-- - notification keeps its event: its foreign key becomes (event_id, created_at) → domain_event (id, created_at),
--   which holds because a notification's created_at is its event's (NotificationDelivery copies e.created_at); 03 adds it.
-- - domain_event_audience loses its foreign key: it is written by DomainEvents in the event's own transaction and only
--   read by the delivery, and 05 prunes it after delivery (an audience row lives for hours, its event for months).
-- - webhook_delivery loses its foreign key: deliveries are pruned after 30 days (06), events are kept longer.
-- The code needs no change: DomainEvent is found by id (each month's primary key index is probed; a dozen partitions),
-- and the delivery's claim (domain_event_undelivered) becomes one small partial index per month.
alter table domain_event_audience drop constraint domain_event_audience_event_id_fkey;
alter table notification drop constraint notification_event_id_fkey;
alter table webhook_delivery drop constraint webhook_delivery_event_id_fkey;
call fanloop_partition_by_month('domain_event', 3);
