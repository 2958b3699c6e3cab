-- PROPOSAL, not a Flyway migration (docs/SCALING.md, "Tables that grow without bound"); independent of 01–04.
-- Tried by bench/growth.sh (bench/GROWTH-RESULTS.md).
--
-- domain_event_audience is the delivery's input (who an event concerns, fixed when it happened); once the event is
-- delivered nothing reads it (DomainEvents.audience serves tests). A release to a million followers writes a million
-- rows here and a million notifications: this halves what a release leaves behind for good.
-- fanloop_prune_event_audience(age, batch): deletes the audiences of events delivered more than `age` ago (and of
-- events archived meanwhile), `batch` rows per transaction (short locks, the vacuum keeps up). Run hourly by one node.
-- Cheaper still, as a code change: NotificationDelivery deletes an event's audience in the transaction that delivers
-- it (a delete of rows just read, still in cache), and this procedure only sweeps what older versions left.
create index if not exists domain_event_delivered on domain_event (delivered_at) where delivered_at is not null;

create or replace procedure fanloop_prune_event_audience(age interval, batch int) language plpgsql as $$
declare
    n int;
begin
    loop
        delete from domain_event_audience a
        where (a.event_id, a.member_id) in (
            select a2.event_id, a2.member_id from domain_event_audience a2
            -- Delivered long enough ago, or no longer there (its month archived: 04).
            where not exists (select 1 from domain_event e where e.id = a2.event_id
                              and (e.delivered_at is null or e.delivered_at >= now() - age))
            limit batch);
        get diagnostics n = row_count;
        commit;
        exit when n < batch;
    end loop;
end $$;
