#!/usr/bin/env bash
# Only the vote toggle of bench/run.sh, against an app that is already packaged: for measuring the vote
# (before/after a change, group commit settings) without the whole run. Prints one line per run and checks
# that the counters still match the vote rows.
#   BENCH_DB=fanloop_bench_x BENCH_PORT=18110 BENCH_MANAGEMENT_PORT=18111 bench/vote-bench.sh
#   BENCH_APP_DIR=/path/to/quarkus-app CONNECTIONS=64 DURATION=20 WARMUP=20 bench/vote-bench.sh
#   PG_SETTINGS="commit_delay=200 commit_siblings=5" bench/vote-bench.sh   # set on the bench database only
set -euo pipefail
source "$(dirname "$0")/env.sh"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-20}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
WORK="$BENCH_DIR/work-vote"
mkdir -p "$WORK"
q() { psql -d "$BENCH_DB" -tAc "$1"; }

# Group commit and the like: per database (ALTER DATABASE ... SET), so other databases on the server are untouched.
for setting in ${PG_SETTINGS:-}; do q "alter database $BENCH_DB set ${setting%%=*} = '${setting#*=}'" > /dev/null; done
reset_settings() { for setting in ${PG_SETTINGS:-}; do q "alter database $BENCH_DB reset ${setting%%=*}" > /dev/null; done; }
trap 'stop_app; reset_settings' EXIT
start_app "$WORK/app.log"
BASE="http://127.0.0.1:$BENCH_PORT"

FIRST=$(q "select min(id) from suggestion")
: > "$WORK/tokens"
for i in $(seq 1 64); do bench_token "bench-voter-$i" "Bench voter $i" >> "$WORK/tokens"; echo >> "$WORK/tokens"; done
curl -s -m 120 -c "$WORK/cookies" "$BASE/" -o "$WORK/home.html"
export BENCH_CSRF_COOKIE=$(awk '$6 == "fanloop-csrf" {print $7}' "$WORK/cookies")
export BENCH_CSRF_TOKEN=$(grep -o 'X-CSRF-TOKEN": "[^"]*' "$WORK/home.html" | sed 's/.*"//')
export BENCH_TOKENS="$WORK/tokens" BENCH_THREADS="$THREADS" BENCH_VOTE_FIRST=$((FIRST + 1000)) BENCH_VOTE_SPAN=200
while read -r t; do curl -s -m 120 -o /dev/null -H "Authorization: Bearer $t" "$BASE/me"; done < "$WORK/tokens"

wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$BENCH_DIR/vote.lua" "$BASE/" > /dev/null 2>&1 || true
OUT="$WORK/wrk.txt"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$BENCH_DIR/vote.lua" "$BASE/" > "$OUT" 2>&1
MISMATCH=$(q "select count(*) from suggestion s where s.id between $((FIRST + 1000)) and $((FIRST + 1199))
  and s.vote_count <> (select count(distinct member_id) from vote v where v.suggestion_id = s.id)")
printf 'vote toggle: %s/s, p50 %s, p99 %s, %s; counters differing from rows: %s (%s connections, %s s, settings: %s)\n' \
  "$(awk '/^Requests\/sec/ {print $2}' "$OUT")" "$(awk '$1 == "50%" {print $2}' "$OUT")" "$(awk '$1 == "99%" {print $2}' "$OUT")" \
  "$(awk '/Non-2xx/ {print "non-2xx: " $NF} /Socket errors/ {print}' "$OUT" | tr '\n' ' ' | sed 's/^$/no errors/')" \
  "$MISMATCH" "$CONNECTIONS" "$DURATION" "${PG_SETTINGS:-defaults}"
