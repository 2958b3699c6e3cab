#!/usr/bin/env bash
# CPU per request, split between the app (the JVM) and PostgreSQL (the app's own database sessions), for the pages and
# the vote: what an app node and the database server each need for a given peak (docs/SCALING.md, "Nodes and
# database for a peak"). Writes bench/CPU-SPLIT-RESULTS.md.
#
#   bench/cpu-split.sh                     # scale 0.05 of bench/generate.sql in fanloop_scaling_cpu, 15 s per scenario
#   SCALE=0.1 DURATION=20 SKIP_PACKAGE=1 bench/cpu-split.sh
#
# How: the packaged app in prod mode as bench/run.sh starts it (bench/env.sh: bearer tokens signed with a bench-only
# key, 127.0.0.1 only, ports 18330/18331) on a fresh scratch database made by bench/generate.sh; wrk drives each
# scenario (a warm-up, then DURATION seconds); the CPU time (user + system, /proc/PID/stat) of the JVM, of every
# PostgreSQL backend serving the app's database is read before and after, and divided by the requests.
# The page cache is off (FANLOOP_VISITOR_CACHE_TTL=PT0S): every request renders, so the figures are the full cost of a
# page, independent of the request rate (with the cache on, one rendering every 2 s is shared by however many readers
# come meanwhile, and the cost per request falls with the rate). They are the upper bound the sizing starts from.
# The database sessions are found in pg_stat_activity (datname = the scratch database); PostgreSQL's background
# processes (WAL writer, checkpointer) are not counted — they serve every database on the server.
set -euo pipefail
export BENCH_DB="${CPU_DB:-fanloop_scaling_cpu}"
export BENCH_PORT="${CPU_PORT:-18330}" BENCH_MANAGEMENT_PORT="${CPU_MANAGEMENT_PORT:-18331}"
source "$(dirname "$0")/env.sh"
SCALE="${SCALE:-0.05}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-30}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS=2
WORK="$BENCH_DIR/work/cpu"
mkdir -p "$WORK"
q() { psql -d "$BENCH_DB" -tAc "$1"; }
package_app "$WORK/app"
export BENCH_APP_DIR="$WORK/app"
if [ "${SKIP_GENERATE:-0}" != 1 ]; then
  SCALE="$SCALE" bash "$BENCH_DIR/generate.sh" > "$WORK/generate.txt" 2>&1
fi
# The rows stay unindexed for search (no search scenario here): marked indexed, so the catch-up takes no CPU.
q "update suggestion set search_version = 1 where search_version = 0" > /dev/null
q "update comment set search_version = 1 where search_version = 0" > /dev/null
trap stop_app EXIT
export FANLOOP_VISITOR_CACHE_TTL=PT0S
start_app "$WORK/app.log"
BASE="http://127.0.0.1:$BENCH_PORT"
bench_setup "$BASE"
TICK=$(getconf CLK_TCK)

# ticks PID...: user + system CPU ticks of these processes (0 for one that is gone).
ticks() {
  local p sum=0 t
  for p in "$@"; do
    t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    sum=$((sum + t))
  done
  echo "$sum"
}
backends() { q "select pid from pg_stat_activity where datname = '$BENCH_DB' and backend_type = 'client backend' and pid <> pg_backend_pid()"; }
declare -A START

ROWS=()
# measure NAME PATH HEADER [script]
measure() {
  local name="$1" path="$2" header="$3" script="${4:-}" args=() out="$WORK/wrk-$(echo "$1" | tr -c 'a-z0-9' '_').txt"
  [ -n "$script" ] && args=(-s "$script")
  echo "wrk: $name"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${args[@]}" -H "$header" "$BASE$path" > /dev/null 2>&1 || true
  local pids_before app0 db0 p app1 db1
  pids_before=$(backends)
  START=()
  for p in $pids_before; do START[$p]=$(ticks "$p"); done
  app0=$(ticks "$APP_PID")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${args[@]}" -H "$header" "$BASE$path" > "$out" 2>&1 || true
  app1=$(ticks "$APP_PID")
  db1=0
  for p in $(backends); do
    db1=$((db1 + $(ticks "$p") - ${START[$p]:-0}))
  done
  local requests rps
  requests=$(awk '/requests in/ {print $1}' "$out")
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
  local app_ms db_ms
  app_ms=$(awk -v t=$((app1 - app0)) -v n="$requests" -v hz="$TICK" 'BEGIN { printf "%.2f", 1000 * t / hz / n }')
  db_ms=$(awk -v t="$db1" -v n="$requests" -v hz="$TICK" 'BEGIN { printf "%.2f", 1000 * t / hz / n }')
  local share
  share=$(awk -v a="$app_ms" -v d="$db_ms" 'BEGIN { if (a + d > 0) printf "%.0f%%", 100 * d / (a + d); else print "-" }')
  echo "  $rps/s; app $app_ms ms, database $db_ms ms of CPU per request"
  ROWS+=("| $name | \`$path\` | $rps | $(wrk_summary "$out" | cut -d'|' -f3) | $app_ms | $db_ms | $share | $(wrk_summary "$out" | cut -d'|' -f4) |")
}

measure "board, top, signed in" "/boards/$BOARD?sort=top" "$MEMBER"
measure "suggestion, 50 comments, signed in" "/suggestions/$SUGGESTION" "$MEMBER"
measure "board, top, visitor" "/boards/$BOARD?sort=top" "$VISITOR"
measure "vote toggle (signed in, htmx)" "/" "" "$BENCH_DIR/vote.lua"
MISMATCH=$(q "select count(*) from suggestion s where s.id between $BENCH_VOTE_FIRST and $((BENCH_VOTE_FIRST + BENCH_VOTE_SPAN - 1))
  and s.vote_count <> (select count(distinct member_id) from vote v where v.suggestion_id = s.id)")
stop_app

{
  echo "# CPU per request: app and database"
  echo
  echo "Written by \`bench/cpu-split.sh\` — do not edit by hand; read with docs/SCALING.md (\"Nodes and database for a peak\")."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"
  echo "- machine: $(nproc) cores, **shared with other builds and tests while this ran** (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)); $(java -version 2>&1 | head -1); $(psql -tAc 'show server_version' -d postgres | sed 's/^/PostgreSQL /')"
  echo "- data: \`bench/generate.sql\` at scale $SCALE: $(q "select count(*) from suggestion") suggestions, $(q "select count(*) from vote") votes, $(q "select count(*) from comment") comments, $(q "select count(*) from member") members (the 1M dataset's shapes, a twentieth of its rows: index lookups are one level shallower, and everything is in cache)"
  echo "- app: packaged, prod mode, JVM ${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}, $QUARKUS_THREAD_POOL_MAX_THREADS worker threads; wrk $THREADS threads, $CONNECTIONS connections, ${WARMUP} s warm-up, ${DURATION} s measured"
  echo "- page cache off (\`FANLOOP_VISITOR_CACHE_TTL=PT0S\`): every request renders — the full cost of a page, whatever the rate"
  echo "- CPU: user + system time from /proc/PID/stat of the JVM and of the PostgreSQL backends of the app's database (pg_stat_activity), over the measured seconds, divided by the requests"
  echo "- on a machine this loaded the JIT compiler gets little CPU and the app's milliseconds include interpreted code and compilation: read them as an upper bound; PostgreSQL's do not depend on a JIT"
  echo
  echo "| scenario | path | requests/s | p99 | app CPU ms per request | database CPU ms per request | database share | errors |"
  echo "|---|---|---:|---:|---:|---:|---:|---|"
  for r in "${ROWS[@]}"; do echo "$r"; done
  echo
  echo "- vote counters differing from their rows after the toggles: **$MISMATCH**"
  echo "- requests/s here are under a loaded machine and $CONNECTIONS connections, with the cache off; the throughput to quote is bench/RESULTS.md's. What this file adds is the split: how many milliseconds of CPU a request costs in the app and in PostgreSQL."
} > "$BENCH_DIR/CPU-SPLIT-RESULTS.md"
cat "$BENCH_DIR/CPU-SPLIT-RESULTS.md"
