-- PROPOSAL, not a Flyway migration (docs/SCALING.md, "Tables that grow without bound"). Tried on a scratch database by
-- bench/growth.sh; timings in bench/GROWTH-RESULTS.md. As a migration it would be V<n>__monthly_partitions.sql.
--
-- The tools the next files use: a month's partition of a table partitioned by range of created_at, partitions made
-- ahead of time, and the conversion of an existing table into a monthly partitioned one.

-- fanloop_create_month(parent, month): the partition <parent>_yYYYYmMM for [month, month + 1 month), if missing.
create or replace function fanloop_create_month(parent regclass, month date) returns text language plpgsql as $$
declare
    first date := date_trunc('month', month)::date;
    name  text := format('%s_y%sm%s', parent::text, to_char(first, 'YYYY'), to_char(first, 'MM'));
begin
    if to_regclass(name) is null then
        execute format('create table %I partition of %s for values from (%L) to (%L)', name, parent, first,
                       (first + interval '1 month')::date);
    end if;
    return name;
end $$;

-- fanloop_partitions_ahead(months): this month's partition and the next ones of every monthly partitioned table.
-- Must run at least monthly (an app job once per cluster, or pg_cron): an insert into a month without a partition
-- fails, and there is deliberately no DEFAULT partition (one would make every later CREATE PARTITION scan it).
create or replace function fanloop_partitions_ahead(months int) returns int language plpgsql as $$
declare
    t regclass;
    made int := 0;
begin
    for t in select c.oid::regclass from pg_class c join pg_partitioned_table p on p.partrelid = c.oid
             where c.relnamespace = 'public'::regnamespace loop
        for i in 0 .. months loop
            perform fanloop_create_month(t, (date_trunc('month', now()) + make_interval(months => i))::date);
            made := made + 1;
        end loop;
    end loop;
    return made;
end $$;

-- fanloop_partition_by_month(table, months_ahead): rebuilds a table with an id identity and a created_at column as a
-- table partitioned by month of created_at, keeping its rows, ids, defaults, checks, plain indexes and outgoing
-- foreign keys. The primary key becomes (id, created_at) — a unique constraint on a partitioned table must contain the
-- partition key. Other unique constraints and foreign keys *to* the table are the caller's (they need the same change).
-- Runs in the caller's transaction and holds an exclusive lock on the table for the copy: on a large live table use
-- the attach-the-old-table variant described in docs/SCALING.md instead.
create or replace procedure fanloop_partition_by_month(tbl text, months_ahead int) language plpgsql as $$
declare
    old text := tbl || '_unpartitioned';
    r record;
    m date;
    last date;
begin
    execute format('lock table %I in access exclusive mode', tbl);
    execute format('alter table %I rename to %I', tbl, old);
    -- Index and constraint names are per schema: the old ones step aside.
    create temp table saved_index on commit drop as
        select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
        from pg_index i where i.indrelid = old::regclass and not i.indisprimary and not i.indisunique;
    create temp table saved_fk on commit drop as
        select conname, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = old::regclass and contype = 'f';
    for r in select conname from pg_constraint where conrelid = old::regclass and contype in ('p', 'u', 'f') loop
        execute format('alter table %I rename constraint %I to %I', old, r.conname, r.conname || '_old');
    end loop;
    for r in select name from saved_index loop
        execute format('alter index %I rename to %I', r.name, r.name || '_old');
    end loop;
    execute format('create table %I (like %I including defaults including identity including constraints including storage,'
                   ' primary key (id, created_at)) partition by range (created_at)', tbl, old);
    execute format('select date_trunc(''month'', min(created_at))::date from %I', old) into m;
    last := (date_trunc('month', now()) + make_interval(months => months_ahead))::date;
    m := coalesce(m, date_trunc('month', now())::date);
    while m <= last loop
        perform fanloop_create_month(tbl::regclass, m);
        m := (m + interval '1 month')::date;
    end loop;
    for r in select name, def from saved_index loop
        execute replace(r.def, format(' ON public.%s ', old), format(' ON public.%s ', tbl));
    end loop;
    execute format('insert into %I select * from %I', tbl, old);
    execute format('select setval(pg_get_serial_sequence(%L, ''id''), greatest(1, (select max(id) from %I)))', tbl, tbl);
    execute format('drop table %I', old);
    for r in select conname, def from saved_fk loop
        execute format('alter table %I add constraint %I %s', tbl, r.conname, r.def);
    end loop;
    drop table saved_index;
    drop table saved_fk;
    execute format('analyze %I', tbl);
end $$;
