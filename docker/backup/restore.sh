#!/usr/bin/env bash
# Restores a dump made by backup.sh into a NEW, empty database, then refreshes the planner's statistics.
# It refuses a database that already has tables: restore next to the live one, check it, then point the app at it.
#
#   docker/backup/restore.sh DUMP TARGET_DATABASE      DUMP "-" reads standard input
#
# Connection: PGHOST (default 127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD or ~/.pgpass; the user must
# be allowed to create databases. Objects are owned by that user (--no-owner), whoever owned them before.
# With docker compose, from the repository's docker/ folder:
#   docker compose exec -T db /opt/fanloop-backup/restore.sh - fanloop_restored < fanloop-….dump
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 DUMP TARGET_DATABASE   (DUMP '-' reads standard input)" >&2
  exit 2
fi
dump="$1"
target="$2"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
maintenance="${PGMAINTENANCE_DB:-postgres}"

say() { echo "restore: $*" >&2; }
sql() { psql --no-password --quiet --tuples-only --no-align --set=ON_ERROR_STOP=1 "$@"; }

if [ "$dump" != "-" ] && [ ! -r "$dump" ]; then
  say "cannot read $dump"
  exit 1
fi

exists=$(sql --dbname="$maintenance" --set=target="$target" <<'SQL'
select count(*) from pg_database where datname = :'target';
SQL
)
if [ "$exists" = "0" ]; then
  sql --dbname="$maintenance" --set=target="$target" <<'SQL'
create database :"target";
SQL
  say "created database $target"
else
  tables=$(sql --dbname="$target" --command="
    select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
      and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'")
  if [ "$tables" != "0" ]; then
    say "refusing: database $target is not empty ($tables relations). Restore into a new database."
    exit 1
  fi
  say "database $target exists and is empty"
fi

# One transaction: a restore that fails half-way leaves the target empty, not half-filled.
args=(--no-owner --no-privileges --exit-on-error --single-transaction --no-password --dbname="$target")
if [ "$dump" = "-" ]; then
  pg_restore "${args[@]}"
else
  pg_restore "${args[@]}" "$dump"
fi
# pg_dump carries no statistics; without them the first queries on a big database plan badly.
sql --dbname="$target" --command="analyze"
say "restored into $target: $(sql --dbname="$target" --command="select count(*) from suggestion") suggestions, $(sql --dbname="$target" --command="select count(*) from member") members, $(sql --dbname="$target" --command="select version from flyway_schema_history where success order by installed_rank desc limit 1") as the last migration"
