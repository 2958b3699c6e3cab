#!/usr/bin/env bash
# Fault run: the app killed with `kill -9` in the middle of a write storm, then restarted; afterwards every
# acknowledged write must be in the database and every counter must equal its rows. Writes bench/FAULTS.md
# and exits non-zero when anything is wrong.
#
#   bench/faults.sh                          # package, 30 s storm from 32 members, kill -9 at 8 s
#   SKIP_PACKAGE=1 STORM_SECONDS=30 KILL_AT=8 CLIENTS=32 bench/faults.sh   # reuse bench/work/faults/app
#
# How: the packaged app runs in prod mode as in bench/run.sh (bench/env.sh: bearer tokens signed with a
# bench-only key, 127.0.0.1 only) against its own scratch database, fanloop_faults, dropped and created
# afresh on each run (never fanloop_test* or fanloop_bench). A seeder posts 8 suggestions on a new board;
# then 32 members (one client thread each, bench/faults.py) toggle votes on and off, comment, and post new
# suggestions, recording each request's outcome: acknowledged (2xx/3xx), failed (4xx/5xx), refused (the
# app was down) or uncertain (cut off by the kill). At KILL_AT seconds the app gets SIGKILL and is started
# again at once; the storm goes on against the restarted app. After the storm the app is stopped and
# bench/faults.py checks, with psql: each member's last acknowledged vote state per suggestion (or the
# state of a later request cut off by the kill), every acknowledged comment and suggestion, and
# vote_count, comment_count, follower_count, board suggestion_count and member points against their rows.
set -euo pipefail
export BENCH_DB=fanloop_faults
export BENCH_PORT="${FAULTS_PORT:-18099}"
source "$(dirname "$0")/env.sh"
# New members may post 3 suggestions an hour; the storm's members post many more.
export FANLOOP_RATE_LIMIT_ACTIONS_POST_COUNT=1000000000 FANLOOP_RATE_LIMIT_ACTIONS_POST_NEW_MEMBER_COUNT=1000000000
export FANLOOP_RATE_LIMIT_ACTIONS_COMMENT_COUNT=1000000000 FANLOOP_RATE_LIMIT_ACTIONS_COMMENT_NEW_MEMBER_COUNT=1000000000
# 30 s: the restart takes ~10 s on two busy cores, and the storm must reach the restarted app too.
export STORM_SECONDS="${STORM_SECONDS:-30}" KILL_AT="${KILL_AT:-8}"
CLIENTS="${CLIENTS:-32}"
WORK="$BENCH_DIR/work/faults"
mkdir -p "$WORK"
BASE="http://127.0.0.1:$BENCH_PORT"

package_app "$WORK/app"
export BENCH_APP_DIR="$WORK/app"
trap stop_app EXIT

echo "scratch database $BENCH_DB"
psql -d postgres -qc "drop database if exists $BENCH_DB with (force)" -c "create database $BENCH_DB"
start_app "$WORK/app-1.log"
psql -d "$BENCH_DB" -qc "insert into board (slug, name, name_en, description) values ('storm', '风暴', 'Storm', '')"

: > "$WORK/tokens"
for i in $(seq 1 "$CLIENTS"); do printf 'storm-member-%d\t%s\n' "$i" "$(bench_token "storm-member-$i" "Storm member $i")" >> "$WORK/tokens"; done
SEEDER=$(bench_token storm-seeder "Storm seeder")
curl -s -m 60 -c "$WORK/cookies" "$BASE/" -o "$WORK/home.html"
export FAULTS_CSRF_COOKIE=$(awk '$6 == "fanloop-csrf" {print $7}' "$WORK/cookies")
export FAULTS_CSRF_TOKEN=$(grep -o 'X-CSRF-TOKEN": "[^"]*' "$WORK/home.html" | sed 's/.*"//')
SEEDS=()
for i in $(seq 1 8); do
  location=$(curl -s -m 60 -o /dev/null -w '%{redirect_url}' -H "Authorization: Bearer $SEEDER" \
    -b "fanloop-csrf=$FAULTS_CSRF_COOKIE" --data-urlencode "csrf-token=$FAULTS_CSRF_TOKEN" \
    --data-urlencode kind=SUGGESTION --data-urlencode "title=Seed $i" --data-urlencode "body=Vote and comment here." \
    "$BASE/boards/storm/suggestions")
  SEEDS+=("${location##*/suggestions/}")
done
export FAULTS_SEEDS=$(IFS=,; echo "${SEEDS[*]}") FAULTS_BOARD=storm FAULTS_TOKENS="$WORK/tokens"
echo "seed suggestions: $FAULTS_SEEDS"
# Each member's first request signs them in (creates the member), as in bench/run.sh.
cut -f2 "$WORK/tokens" | while read -r t; do curl -s -m 60 -o /dev/null -H "Authorization: Bearer $t" "$BASE/me"; done

echo "storm: $CLIENTS members for $STORM_SECONDS s, kill -9 at $KILL_AT s"
python3 "$BENCH_DIR/faults.py" storm "$WORK/journal.json" &
STORM_PID=$!
sleep "$KILL_AT"
kill -9 "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
export FAULTS_KILLED_AT=$(date +%s.%N)
start_app "$WORK/app-2.log"
export FAULTS_READY_AT=$(date +%s.%N)
DOWN=$(awk -v a="$FAULTS_KILLED_AT" -v b="$FAULTS_READY_AT" 'BEGIN { printf "%.1f", b - a }')
echo "restarted; ready after $DOWN s"
wait "$STORM_PID"
stop_app

set +e
REPORT=$(python3 "$BENCH_DIR/faults.py" check "$WORK/journal.json")
STATUS=$?
set -e
{
  echo "# Fault run: kill -9 during a write storm"
  echo
  echo "Written by \`bench/faults.sh\` — do not edit by hand."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"
  echo "- machine: $(nproc) cores; $(java -version 2>&1 | head -1); $(psql -tAc 'show server_version' -d postgres | sed 's/^/PostgreSQL /')"
  echo "- prod mode, JVM options: ${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}; ${QUARKUS_THREAD_POOL_MAX_THREADS} worker threads"
  echo "- data after the run: $(psql -d "$BENCH_DB" -tAc "select count(*) from vote") votes, $(psql -d "$BENCH_DB" -tAc "select count(*) from comment") comments, $(psql -d "$BENCH_DB" -tAc "select count(*) from suggestion") suggestions, $(psql -d "$BENCH_DB" -tAc "select count(*) from honour_point") ledger rows"
  echo "$REPORT"
} > "$BENCH_DIR/FAULTS.md"
cat "$BENCH_DIR/FAULTS.md"
exit $STATUS
