#!/usr/bin/env bash
# The sitemap at a million suggestions (bench/SITEMAP-RESULTS.md): fills a scratch database in steps (default
# 200,000 then 1,000,000 suggestions), and at each step shows that a sitemap file's statement is a primary-key range
# scan whose time and rows read do not grow with the table (EXPLAIN ANALYZE of the first, middle and last file).
# With the packaged app (target/quarkus-app, `./mvnw package -DskipTests`), it then serves the sitemap from that
# database with the bench's memory budget (bench/env.sh: 128 MB heap), fetches the index and every file, and reports
# the times and the app's resident memory.
#   bench/sitemap.sh                       # SCHEMA_FROM=fanloop_seo (a database the tests have migrated)
#   STEPS="100000 1000000" bench/sitemap.sh
#   REUSE=1 bench/sitemap.sh               # measure again on the database of the last run
set -euo pipefail
source "$(dirname "$0")/env.sh"
export BENCH_DB="${SITEMAP_DB:-fanloop_sitemap_bench}"
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$BENCH_DB"
export FANLOOP_RATE_LIMIT_ACTIONS_SITEMAP_COUNT=1000000000 FANLOOP_RATE_LIMIT_ACTIONS_SITEMAP_MEMBER_COUNT=1000000000
SCHEMA_FROM="${SCHEMA_FROM:-fanloop_seo}"
STEPS="${STEPS:-200000 1000000}"
CHUNK="${FANLOOP_SITEMAP_CHUNK_SIZE:-10000}"

if [ "${REUSE:-0}" = 1 ]; then
  # REUSE=1: the database of the previous run as it is (STEPS then only measures: the fill adds nothing).
  STEPS="$(psql -At -d "$BENCH_DB" -c "select count(*) from suggestion")"
else
  echo "recreating $BENCH_DB with the schema of $SCHEMA_FROM (migrated by the app's Flyway)"
  psql -d postgres -qc "drop database if exists $BENCH_DB with (force)"
  psql -d postgres -qc "create database $BENCH_DB"
  pg_dump -s "$SCHEMA_FROM" | psql -q -d "$BENCH_DB" > /dev/null
  pg_dump -a -t flyway_schema_history "$SCHEMA_FROM" | psql -q -d "$BENCH_DB" > /dev/null
fi

# The statement of one sitemap file, as sitemap/Sitemaps writes it (member/Indexable.sqlPost("s")).
chunk_sql() {
  echo "select s.id, greatest(s.created_at, s.edited_at, s.status_changed_at) from suggestion s
        where s.id > $1 and s.id <= $(( $1 + CHUNK )) and not s.hidden and s.program_id is null and s.status <> 'MERGED'
        order by s.id"
}

for target in $STEPS; do
  start=$(date +%s)
  psql -q -d "$BENCH_DB" -v target="$target" -f "$BENCH_DIR/sitemap.sql"
  echo "== $target suggestions (filled in $(( $(date +%s) - start )) s; table and indexes $(psql -At -d "$BENCH_DB" -c "select pg_size_pretty(pg_total_relation_size('suggestion'))"))"
  max=$(psql -At -d "$BENCH_DB" -c "select max(id) from suggestion")
  for after in 0 $(( (max / CHUNK / 2) * CHUNK )) $(( ((max - 1) / CHUNK) * CHUNK )); do
    echo "-- file of ids ($after, $(( after + CHUNK ))]"
    psql -At -d "$BENCH_DB" -c "explain (analyze, buffers, costs off, timing on) $(chunk_sql $after)" \
      | grep -E "Scan|Index Cond|Filter|Rows Removed|Buffers|Execution Time" | sed 's/^/   /'
  done
  echo "-- the index's one statement per kind: $(psql -At -d "$BENCH_DB" -c "explain (analyze, costs off) select coalesce(max(id), 0) from suggestion" | grep -E "Execution Time")"
done

if [ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ]; then
  trap stop_app EXIT
  start_app "$BENCH_DIR/.sitemap.log"
  base="http://127.0.0.1:$BENCH_PORT"
  files=$(curl -s "$base/sitemap.xml" | grep -o "<loc>[^<]*</loc>" | sed 's/<[^>]*>//g')
  echo "== over HTTP (chunk size $CHUNK): the index lists $(echo "$files" | wc -l) files"
  curl -s -o /dev/null -w "   index: %{size_download} bytes in %{time_total} s\n" "$base/sitemap.xml"
  tmp=$(mktemp -d)
  t0=$(date +%s.%N)
  for f in $files; do
    curl -s -H "Accept-Encoding: gzip" -o "$tmp/$(basename "$f").gz" -w "%{time_total}\n" "$f" >> "$tmp/times"
  done
  t1=$(date +%s.%N)
  urls=$(for g in "$tmp"/*.gz; do gzip -dc "$g" 2>/dev/null || cat "$g"; done | grep -o "<url>" | wc -l)
  echo "   $(wc -l < "$tmp/times") files (gzip), $urls URLs in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s;" \
    "per file: $(sort -n "$tmp/times" | awk '{t[NR]=$1} END {printf "median %.3f s, p95 %.3f s, max %.3f s", t[int(NR/2)+1], t[int(NR*0.95)], t[NR]}')"
  rm -rf "$tmp"
  for f in $(echo "$files" | grep suggestions | head -1) $(echo "$files" | grep suggestions | tail -1); do
    curl -s -o /dev/null -w "   $(basename "$f"): %{size_download} bytes in %{time_total} s (gzip: " "$f"
    curl -s -H "Accept-Encoding: gzip" -o /dev/null -w "%{size_download} bytes)\n" "$f"
  done
  echo "   load average while serving: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "   app RSS after serving every file: $(ps -o rss= -p "$APP_PID" | awk '{printf "%.0f MB", $1/1024}')"
fi
