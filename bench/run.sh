#!/usr/bin/env bash
# Packages the app, starts it in prod mode against the benchmark database (bench/generate.sh), drives
# it with wrk on 127.0.0.1 and writes bench/RESULTS.md.
#   bench/run.sh                       # 20 s per scenario after a 5 s warm-up, 32 connections
#   DURATION=10 CONNECTIONS=32 bench/run.sh
set -euo pipefail
source "$(dirname "$0")/env.sh"
DURATION="${DURATION:-20}"
# A long warm-up: the JIT and Hibernate's query interpretation cache must be warm before measuring.
WARMUP="${WARMUP:-30}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
WORK="$BENCH_DIR/work"
mkdir -p "$WORK"
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

if [ "${SKIP_PACKAGE:-0}" != 1 ]; then
  echo "packaging (with the bench-only ceiling page)"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dfanloop.bench.ceiling=true)
  # Run from a copy, so that a build in the working tree during the run cannot pull jars from under it.
  rm -rf "$WORK/app" && cp -r "$ROOT/target/quarkus-app" "$WORK/app"
fi
[ -d "$WORK/app" ] && export BENCH_APP_DIR="$WORK/app"
trap stop_app EXIT
start_app "$WORK/app.log"
BASE="http://127.0.0.1:$BENCH_PORT"

q() { psql -d "$BENCH_DB" -tAc "$1"; }
FIRST=$(q "select min(id) from suggestion")
BOARD=$(q "select slug from board order by position limit 1")
SUGGESTION="$FIRST"   # the generator gives the first suggestion exactly 50 comments
echo "board $BOARD, suggestion $SUGGESTION ($(q "select comment_count from suggestion where id = $SUGGESTION") comments)"

# Signed-in members for the vote toggle: bearer tokens checked against the bench key (see env.sh).
: > "$WORK/tokens"
for i in $(seq 1 64); do bench_token "bench-voter-$i" "Bench voter $i" >> "$WORK/tokens"; echo >> "$WORK/tokens"; done
curl -s -m 120 -c "$WORK/cookies" "$BASE/" -o "$WORK/home.html"
export BENCH_CSRF_COOKIE=$(awk '$6 == "fanloop-csrf" {print $7}' "$WORK/cookies")
export BENCH_CSRF_TOKEN=$(grep -o 'X-CSRF-TOKEN": "[^"]*' "$WORK/home.html" | sed 's/.*"//')
export BENCH_TOKENS="$WORK/tokens" BENCH_THREADS="$THREADS" BENCH_VOTE_FIRST=$((FIRST + 1000)) BENCH_VOTE_SPAN=200
# First requests create the 64 members, as a first sign-in would.
while read -r t; do curl -s -m 120 -o /dev/null -H "Authorization: Bearer $t" "$BASE/me" || echo "warm-up request for a bench member failed" >&2; done < "$WORK/tokens"
VOTES_BEFORE=$(q "select count(*) from vote")

# Visitors are returning readers with the CSRF cookie their first page set (a browser keeps it), so
# they get the visitor page cache (web/VisitorPageCache); the "signed in" rows show the uncached cost.
VISITOR="Cookie: fanloop-csrf=$BENCH_CSRF_COOKIE"
MEMBER="Authorization: Bearer $(head -1 "$WORK/tokens")"
declare -a NAMES PATHS HEADERS
add() { NAMES+=("$1"); PATHS+=("$2"); HEADERS+=("${3:-$VISITOR}"); }
add "ceiling (trivial Qute page)" "/bench/ceiling"
add "home" "/"
add "board, trending" "/boards/$BOARD?sort=trending"
add "board, top" "/boards/$BOARD?sort=top"
add "board, new" "/boards/$BOARD?sort=new"
add "suggestion, 50 comments" "/suggestions/$SUGGESTION"
add "board, top, signed in (never cached)" "/boards/$BOARD?sort=top" "$MEMBER"
add "suggestion, 50 comments, signed in (never cached)" "/suggestions/$SUGGESTION" "$MEMBER"
SEARCH_STATUS=$(curl -s -m 120 -o /dev/null -w '%{http_code}' "$BASE/search?q=%E7%9B%B8%E6%9C%BA")
if [ "$SEARCH_STATUS" = 200 ]; then add "search (相机)" "/search?q=%E7%9B%B8%E6%9C%BA"; fi

# run NAME PATH [script] [header]: prints "rps p50 p99 errors"
run() {
  local out="$WORK/wrk-$(echo "$1" | tr -c 'a-z0-9' '_').txt" args=()
  [ -n "${3:-}" ] && args=(-s "$3")
  [ -n "${4:-}" ] && args+=(-H "$4")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${args[@]}" "$BASE$2" > /dev/null 2>&1 || true
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${args[@]}" "$BASE$2" > "$out" 2>&1
  local rps p50 p99 errs
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  errs=$(awk '/Non-2xx/ {print "non-2xx: " $NF} /Socket errors/ {sub(/^ *Socket errors: */, ""); print}' "$out" | tr '\n' ' ')
  echo "$rps|$p50|$p99|${errs:-none}"
}

declare -a RESULTS
for i in "${!NAMES[@]}"; do
  echo "wrk: ${NAMES[$i]} (${PATHS[$i]})"
  RESULTS[$i]=$(run "${NAMES[$i]}" "${PATHS[$i]}" "" "${HEADERS[$i]}")
  echo "  ${RESULTS[$i]}"
done
echo "wrk: vote toggle"
VOTE=$(run "vote toggle" "/" "$BENCH_DIR/vote.lua")
echo "  $VOTE"
RSS_KB=$(ps -o rss= -p "$APP_PID" | tr -d ' ')
# Exact counts: every counter equals its rows, for all suggestions the toggles touched.
MISMATCH=$(q "select count(*) from suggestion s where s.id between $BENCH_VOTE_FIRST and $((BENCH_VOTE_FIRST + BENCH_VOTE_SPAN - 1))
  and s.vote_count <> (select count(distinct member_id) from vote v where v.suggestion_id = s.id)")
stop_app

CEILING=$(echo "${RESULTS[0]}" | cut -d'|' -f1)
ratio() { awk -v a="$1" -v b="$CEILING" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }'; }
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh\` — do not edit by hand; notes go in \`bench/NOTES.md\`."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GB RAM; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- $(java -version 2>&1 | head -1); $(psql -tAc 'show server_version' -d postgres | sed 's/^/PostgreSQL /')"
  echo "- data: $(q "select count(*) from suggestion") suggestions on $(q "select count(*) from board") boards, $(q "select count(*) from vote") votes, $(q "select count(*) from comment") comments, $(q "select count(*) from member") members; database size $(q "select pg_size_pretty(pg_database_size(current_database()))")"
  echo "- wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION} s per scenario after a ${WARMUP} s warm-up, on 127.0.0.1, no compression (wrk sends no Accept-Encoding)"
  echo
  echo "| scenario | path | requests/s | p50 | p99 | vs ceiling | errors |"
  echo "|---|---|---:|---:|---:|---:|---|"
  for i in "${!NAMES[@]}"; do
    IFS='|' read -r rps p50 p99 errs <<< "${RESULTS[$i]}"
    echo "| ${NAMES[$i]} | \`${PATHS[$i]}\` | $rps | $p50 | $p99 | $(ratio "$rps") | $errs |"
  done
  IFS='|' read -r rps p50 p99 errs <<< "$VOTE"
  echo "| vote toggle (signed in, htmx) | \`POST /suggestions/{id}/vote\` | $rps | $p50 | $p99 | $(ratio "$rps") | $errs |"
  [ "$SEARCH_STATUS" = 200 ] || echo "| search | \`/search?q=相机\` | not measured: GET /search answered $SEARCH_STATUS (search is not on this branch) | | | | |"
  echo
  echo "- votes after the toggles: $(q "select count(*) from vote") (before: $VOTES_BEFORE); suggestions whose vote_count differs from their votes: **$MISMATCH**"
  echo "- app RSS after the run: $((RSS_KB / 1024)) MB (JVM options: ${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX; worker threads: $QUARKUS_THREAD_POOL_MAX_THREADS)"
  echo
  echo "## Query plans (EXPLAIN (ANALYZE, BUFFERS), after the run)"
  echo
  echo '```'
  BENCH_DB="$BENCH_DB" psql -d "$BENCH_DB" -q -f "$BENCH_DIR/explain.sql" 2>&1
  echo '```'
} > "$BENCH_DIR/RESULTS.md"
cat "$BENCH_DIR/RESULTS.md"
