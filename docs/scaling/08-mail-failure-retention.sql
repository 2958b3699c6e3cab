-- PROPOSAL, not a Flyway migration (docs/SCALING.md, "Tables that grow without bound"); independent of the others.
-- Tried by bench/growth.sh (bench/GROWTH-RESULTS.md).
--
-- mail_failure keeps resolved failures "for the record" (/admin/mail shows the latest ten). Rows resolved more than
-- `age` ago are deleted in batches; open and given-up failures stay. Run daily by one node.
create index if not exists mail_failure_resolved on mail_failure (resolved_at) where resolved_at is not null;

create or replace procedure fanloop_prune_mail_failures(age interval, batch int) language plpgsql as $$
declare
    n int;
begin
    loop
        delete from mail_failure where id in (
            select id from mail_failure where resolved_at < now() - age limit batch);
        get diagnostics n = row_count;
        commit;
        exit when n < batch;
    end loop;
end $$;
