#!/usr/bin/env bash
# Backs up Fanloop's database: one pg_dump in PostgreSQL's custom format (compressed, restorable table by table with
# pg_restore). Attachments stored in the database (the default, table blob_chunk) are in it; with the S3 store
# (FANLOOP_ATTACHMENTS_STORAGE=s3) the bucket must be copied as well, and this script says how.
#
#   docker/backup/backup.sh [FILE]      FILE defaults to fanloop-<UTC time>.dump; "-" writes to standard output
#
# Connection: the usual libpq variables, PGHOST (default 127.0.0.1), PGPORT (5432), PGUSER (postgres),
# PGDATABASE (fanloop), PGPASSWORD or ~/.pgpass. With docker compose, from the repository's docker/ folder:
#   docker compose exec -T db /opt/fanloop-backup/backup.sh - > fanloop-$(date -u +%Y%m%dT%H%M%SZ).dump
# The dump is consistent (one snapshot) and taken while the app runs; it does not block writers.
set -euo pipefail

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-fanloop}"
out="${1:-fanloop-$(date -u +%Y%m%dT%H%M%SZ).dump}"

say() { echo "backup: $*" >&2; }

if [ "$out" = "-" ]; then
  pg_dump --format=custom --no-password --dbname="$PGDATABASE"
else
  # Written under a temporary name and renamed when complete, so a half-written file never looks like a backup.
  pg_dump --format=custom --no-password --dbname="$PGDATABASE" --file="$out.partial"
  mv "$out.partial" "$out"
  say "wrote $out ($(du -h "$out" | cut -f1)) from database $PGDATABASE at $PGHOST:$PGPORT"
  # The table of contents lists every table; a dump that pg_restore cannot read is not a backup.
  pg_restore --list "$out" > /dev/null
fi

# Attachments whose bytes are not in blob_chunk live in the S3 bucket: the dump has their rows, not their files.
read -r files outside < <(psql --no-password --quiet --tuples-only --no-align --field-separator=' ' --dbname="$PGDATABASE" --command="
  select count(*), count(*) filter (where not exists (
    select 1 from blob_chunk c where c.blob_key = a.blob_key and c.seq = 0)) from attachment a")
if [ "${FANLOOP_ATTACHMENTS_STORAGE:-database}" = "s3" ] || [ "$outside" != "0" ]; then
  bucket="${FANLOOP_ATTACHMENTS_S3_BUCKET:-fanloop-attachments}"
  endpoint="${FANLOOP_ATTACHMENTS_S3_ENDPOINT:+ --endpoint-url $FANLOOP_ATTACHMENTS_S3_ENDPOINT}"
  say "$outside of $files attachment(s) are not in the database: their files are in the S3 bucket $bucket."
  say "Copy the bucket too, after the dump (objects are only added and deleted, never changed), e.g.:"
  say "  aws s3 sync s3://$bucket ./fanloop-attachments/$endpoint"
  say "  mc mirror ALIAS/$bucket ./fanloop-attachments/      (MinIO's client)"
else
  say "$files attachment(s), all in the database (blob_chunk): the dump holds them"
fi
