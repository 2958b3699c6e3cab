#!/usr/bin/env bash
# Growth of the tables that grow without bound: bytes per row (table, indexes and TOAST, from pg_total_relation_size)
# on a reduced bench dataset, then each retention/partitioning proposal of docs/scaling/*.sql applied to it, timed.
# Writes bench/GROWTH-RESULTS.md.
#
#   bench/growth.sh                         # SCALE=0.05 of bench/generate.sql, ROWS=200000 per event-like table
#   SCALE=0.02 ROWS=50000 SKIP_PACKAGE=1 bench/growth.sh
#
# The scratch database fanloop_scaling_growth is dropped and created afresh, migrated by starting the packaged app once
# (bench/env.sh; ports 18320/18321), filled by bench/generate.sql (members, suggestions, votes, comments, follows: the
# generator's own shapes) and bench/growth.sql (events, audiences, notifications, points, rate-limit rows, audit
# entries, mail failures, webhook deliveries: rows shaped like the app's, spread over twelve months). Then each
# docs/scaling/NN-*.sql runs in order with psql (\timing), followed by the calls that show it working.
set -euo pipefail
export BENCH_DB=fanloop_scaling_growth
export BENCH_PORT="${GROWTH_PORT:-18320}" BENCH_MANAGEMENT_PORT="${GROWTH_MANAGEMENT_PORT:-18321}"
source "$(dirname "$0")/env.sh"
SCALE="${SCALE:-0.05}"
ROWS="${ROWS:-200000}"
WORK="$BENCH_DIR/work/growth"
mkdir -p "$WORK"
q() { psql -d "$BENCH_DB" -tAc "$1"; }
package_app "$WORK/app"
export BENCH_APP_DIR="$WORK/app"
trap stop_app EXIT

psql -d postgres -qc "drop database if exists $BENCH_DB with (force)" -c "create database $BENCH_DB"
start_app "$WORK/migrate.log"
stop_app
t=$(date +%s)
psql -d "$BENCH_DB" -q -v scale="$SCALE" -f "$BENCH_DIR/generate.sql" > "$WORK/generate.txt" 2>&1
GENERATE_S=$(( $(date +%s) - t ))
t=$(date +%s)
psql -d "$BENCH_DB" -q -v rows="$ROWS" -f "$BENCH_DIR/growth.sql" > "$WORK/growth.txt" 2>&1
GROWTH_S=$(( $(date +%s) - t ))
echo "generate.sql at scale $SCALE: $GENERATE_S s; growth.sql with $ROWS rows: $GROWTH_S s"

# size TABLE: "rows|heap|indexes|toast|total|bytes per row"
size() {
  q "select n, pg_relation_size('$1'), pg_indexes_size('$1'), coalesce(pg_total_relation_size(nullif(reltoastrelid, 0)), 0),
            pg_total_relation_size('$1'), case when n > 0 then round(pg_total_relation_size('$1')::numeric / n) end
     from (select count(*) n from $1) c, pg_class where oid = '$1'::regclass" | tr -d ' '
}
TABLES="vote suggestion_follow comment suggestion domain_event domain_event_audience notification honour_point rate_hit rate_window audit_entry mail_failure webhook_delivery"
declare -A WHAT=(
  [vote]="votes (generate.sql)" [suggestion_follow]="follows (generate.sql)" [comment]="comments (generate.sql; search vector not yet written)"
  [suggestion]="suggestions (generate.sql; search vector not yet written)" [domain_event]="domain events (growth.sql)"
  [domain_event_audience]="event audiences (growth.sql)" [notification]="notifications (growth.sql)"
  [honour_point]="points ledger (growth.sql)" [rate_hit]="rate-limit hits (growth.sql)" [rate_window]="request windows (growth.sql)"
  [audit_entry]="audit entries (growth.sql)" [mail_failure]="mail failures (growth.sql)" [webhook_delivery]="webhook deliveries (growth.sql)")
SIZES=()
for t in $TABLES; do SIZES+=("$t|$(size "$t")"); done

# ---- the proposals, in order, each timed
PROPOSALS=()
: > "$WORK/proposals.txt"
for f in "$ROOT"/docs/scaling/[0-9]*.sql; do
  name=$(basename "$f")
  echo "== $name" | tee -a "$WORK/proposals.txt"
  start=$(date +%s.%N)
  if psql -d "$BENCH_DB" -v ON_ERROR_STOP=1 -q -f "$f" >> "$WORK/proposals.txt" 2>&1; then ok=yes; else ok="**failed** (bench/work/growth/proposals.txt)"; fi
  secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  echo "   $secs s, ok: $ok"
  PROPOSALS+=("$name|$secs|$ok")
done
# ---- what the proposals made, and their procedures run once
run_timed() {  # run_timed LABEL SQL
  local start out secs
  start=$(date +%s.%N)
  out=$(psql -d "$BENCH_DB" -v ON_ERROR_STOP=1 -tA -c "$2" 2>&1) && ok=yes || ok="**failed**: $(echo "$out" | tail -1)"
  secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  echo "== $1: $secs s, $ok" | tee -a "$WORK/proposals.txt"
  echo "$out" >> "$WORK/proposals.txt"
  CALLS+=("$1|$2|$secs|$ok")
}
CALLS=()
BEFORE_N=$(q "select count(*) from notification"); BEFORE_E=$(q "select count(*) from domain_event"); BEFORE_A=$(q "select count(*) from audit_entry")
run_timed "partitions 3 months ahead" "select fanloop_partitions_ahead(3)"
run_timed "archive notification months older than 6 months (detach into schema archive)" "call fanloop_archive_months_before('notification', date_trunc('month', now() - interval '6 months')::date)"
run_timed "then the same months of domain_event" "call fanloop_archive_months_before('domain_event', date_trunc('month', now() - interval '6 months')::date)"
run_timed "audit_entry months older than 6 months (production: two years)" "call fanloop_archive_months_before('audit_entry', date_trunc('month', now() - interval '6 months')::date)"
run_timed "audiences of events delivered more than a day ago, 10,000 rows per transaction" "call fanloop_prune_event_audience(interval '1 day', 10000)"
run_timed "rate-limit hits older than the longest window (24 h)" "call fanloop_prune_rate_hits(interval '24 hours', 10000)"
run_timed "webhook deliveries delivered or skipped more than 30 days ago" "call fanloop_prune_webhook_deliveries(interval '30 days', 10000)"
run_timed "mail failures resolved more than 90 days ago" "call fanloop_prune_mail_failures(interval '90 days', 10000)"
AFTER_N=$(q "select count(*) from notification"); AFTER_E=$(q "select count(*) from domain_event"); AFTER_A=$(q "select count(*) from audit_entry")
ARCHIVED=$(q "select string_agg(relname, ', ' order by relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'archive' and c.relkind = 'r'")
PARTS=$(q "select count(*) from pg_inherits where inhparent in ('notification'::regclass, 'domain_event'::regclass, 'audit_entry'::regclass)")
AFTER_SIZES=()
for t in domain_event_audience rate_hit webhook_delivery mail_failure; do AFTER_SIZES+=("$t|$(size "$t")"); done

kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
{
  echo "# Growth of the unbounded tables, and the proposals of docs/scaling/ tried"
  echo
  echo "Written by \`bench/growth.sh\` — do not edit by hand; read with docs/SCALING.md (\"Tables that grow without bound\")."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src pom.xml docs/scaling || echo ' (with uncommitted changes)')"
  echo "- machine: $(nproc) cores, shared with other builds and tests while this ran (timings ±40%); $(psql -tAc 'show server_version' -d postgres | sed 's/^/PostgreSQL /'), default 8 kB pages, fillfactor 100"
  echo "- data: \`bench/generate.sql\` at scale $SCALE ($GENERATE_S s) and \`bench/growth.sql\` with $ROWS rows per event-like table ($GROWTH_S s), then vacuum analyze; sizes are after loading in bulk (no dead rows, no bloat; a table that is updated and deleted from in place runs larger)"
  echo
  echo "## Bytes per row (table + indexes + TOAST)"
  echo
  echo "| table | what | rows | table MB | indexes MB | TOAST MB | bytes per row |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for r in "${SIZES[@]}"; do
    IFS='|' read -r t n heap idx toast total per <<< "$r"
    echo "| \`$t\` | ${WHAT[$t]} | $n | $(kb "$heap") | $(kb "$idx") | $(kb "$toast") | **$per** |"
  done
  echo
  echo "## The proposals applied to this database (docs/scaling/)"
  echo
  echo "| file | seconds | ran |"
  echo "|---|---:|---|"
  for r in "${PROPOSALS[@]}"; do IFS='|' read -r f s ok <<< "$r"; echo "| \`docs/scaling/$f\` | $s | $ok |"; done
  echo
  echo "Then their procedures, once each:"
  echo
  echo "| what | call | seconds | ran |"
  echo "|---|---|---:|---|"
  for r in "${CALLS[@]}"; do IFS='|' read -r l c s ok <<< "$r"; echo "| $l | \`$c\` | $s | $ok |"; done
  echo
  echo "- rows before → after the archive: notifications $BEFORE_N → $AFTER_N; domain events $BEFORE_E → $AFTER_E; audit entries $BEFORE_A → $AFTER_A"
  echo "- partitions of notification, domain_event and audit_entry now attached: $PARTS; detached into schema \`archive\`: ${ARCHIVED:-none}"
  echo "- after the pruning:"
  for r in "${AFTER_SIZES[@]}"; do
    IFS='|' read -r t n heap idx toast total per <<< "$r"
    echo "  - \`$t\`: $n rows, $(kb "$total") MB (space of deleted rows is reused by later rows, not returned to the disk)"
  done
} > "$BENCH_DIR/GROWTH-RESULTS.md"
cat "$BENCH_DIR/GROWTH-RESULTS.md"
