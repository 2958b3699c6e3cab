-- PROPOSAL, not a Flyway migration (docs/SCALING.md, "Tables that grow without bound"); needs 01–03.
-- Tried by bench/growth.sh (bench/GROWTH-RESULTS.md).
--
-- fanloop_archive_months_before(parent, cutoff): every month of a monthly partitioned table (01) that ends on or before
-- cutoff leaves the live table: DETACH PARTITION (catalog only, no row is read or written) and a move into schema
-- "archive". Call it for notification before domain_event (the notifications' foreign key points at the events); a
-- month of domain_event with an undelivered event stays. audit_entry (09) is archived the same way, years later.
-- Afterwards, outside the database, per month:
--   pg_dump -h … -d fanloop -t archive.notification_y2025m05 -t archive.domain_event_y2025m05 -Fc > 2025-05.dump
--   (store it with the backups), then: drop table archive.notification_y2025m05, archive.domain_event_y2025m05;
-- Run once a month by one node (a job claimed like the others), after fanloop_partitions_ahead. DETACH without
-- CONCURRENTLY takes a short exclusive lock on the parent: run it off-peak, or detach by hand with
-- `alter table … detach partition … concurrently` (which cannot run inside a procedure).
create schema if not exists archive;

create or replace procedure fanloop_archive_months_before(parent regclass, cutoff date) language plpgsql as $$
declare
    p record;
    f record;
begin
    for p in
        select c.relname, to_date(substring(c.relname from '_y([0-9]{4}m[0-9]{2})$'), 'YYYY"m"MM') as month
        from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = parent and c.relname ~ '_y[0-9]{4}m[0-9]{2}$'
        order by c.relname
    loop
        continue when (p.month + interval '1 month')::date > cutoff;
        if parent = 'domain_event'::regclass and exists (
                select 1 from domain_event where created_at >= p.month and created_at < p.month + interval '1 month'
                and delivered_at is null) then
            raise notice 'kept %: it has undelivered events', p.relname;
            continue;
        end if;
        execute format('alter table %s detach partition %I', parent, p.relname);
        -- A detached partition keeps its foreign keys as its own: an archived month of notifications would still
        -- point at its events and stop their month from leaving. The archive needs none.
        -- (A key to a partitioned table has a constraint row per referenced partition; dropping the top one drops them.)
        for f in select conname from pg_constraint where conrelid = p.relname::regclass and contype = 'f'
                 and conparentid = 0 loop
            execute format('alter table %I drop constraint if exists %I', p.relname, f.conname);
        end loop;
        execute format('alter table %I set schema archive', p.relname);
        raise notice 'archived %', p.relname;
    end loop;
end $$;
