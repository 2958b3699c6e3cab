-- PROPOSAL, not a Flyway migration (docs/SCALING.md, "Tables that grow without bound"); needs 01 and 04.
-- Tried by bench/growth.sh (bench/GROWTH-RESULTS.md).
--
-- audit_entry is append-only (a trigger refuses every UPDATE and DELETE, V32), so it can never be pruned in place —
-- but a whole month can leave it: DETACH PARTITION touches no row and fires no row trigger. Partitioned by month,
-- audit entries older than the retention (two years suggested; the admin page reads the newest) are detached into
-- schema archive with fanloop_archive_months_before('audit_entry', …) and dumped, never deleted unread.
-- The code needs no change: the audit pages read by time, actor, action or target, each an index per month.
call fanloop_partition_by_month('audit_entry', 3);
-- Row triggers are not copied by LIKE; on a partitioned table (PostgreSQL 13+) this one applies to every month.
create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_entry_append_only();
