-- PROPOSAL, not a Flyway migration (docs/SCALING.md, "Tables that grow without bound"); independent of the others.
-- Tried by bench/growth.sh (bench/GROWTH-RESULTS.md).
--
-- webhook_delivery keeps the exact JSON sent to each endpoint for each event (the admin page shows recent deliveries
-- and retries failed ones). Once DELIVERED or SKIPPED and older than the retention, a row serves nobody:
-- fanloop_prune_webhook_deliveries(age, batch) deletes them in batches; FAILED rows (given up, waiting for an admin)
-- and PENDING ones stay. Run daily by one node; 30 days is what GitHub keeps of a hook's deliveries.
create index if not exists webhook_delivery_finished on webhook_delivery (created_at) where status in ('DELIVERED', 'SKIPPED');

create or replace procedure fanloop_prune_webhook_deliveries(age interval, batch int) language plpgsql as $$
declare
    n int;
begin
    loop
        delete from webhook_delivery where id in (
            select id from webhook_delivery where status in ('DELIVERED', 'SKIPPED') and created_at < now() - age limit batch);
        get diagnostics n = row_count;
        commit;
        exit when n < batch;
    end loop;
end $$;
