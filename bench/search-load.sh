#!/usr/bin/env bash
# Search under load, and the other pages meanwhile (issue 15): starts the packaged app on the bench database as
# bench/run.sh does, then with wrk on 127.0.0.1
#   1. a board page alone (8 connections),
#   2. a common-word search alone (GET /search?q=相机, 32 connections),
#   3. both at once, each as before,
# and last bench/search.sh (every query of the bench set and the hints, one at a time).
#
#   bench/search-load.sh > bench/SEARCH-RESULTS.md
#
# Twice: with the page cache off (FANLOOP_VISITOR_CACHE_TTL=PT0S; every search and board page is worked out, so
# they compete for the two cores: the engine's own figures), and as in production (the 2 s page cache serves the
# same words asked again, for searches as for board pages). DURATION (default 20) and WARMUP (default 5) seconds
# per wrk run; RUNS (default 20) per search.sh query.
set -euo pipefail
source "$(dirname "$0")/env.sh"
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
RUNS=${RUNS:-20}
QUERY=${QUERY:-相机}
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
WORK=$(mktemp -d)
trap 'stop_app; rm -rf "$WORK"' EXIT
export FANLOOP_SEARCH_REINDEX_AT_START=false
BASE="http://127.0.0.1:$BENCH_PORT"
BOARD=$(psql -d "$BENCH_DB" -tAc "select slug from board order by position limit 1")
SEARCH="/search?q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$QUERY")"

# wrk_run NAME CONNECTIONS PATH: one timed run, its output kept as $WORK/NAME.txt.
wrk_run() {
  wrk -t2 -c"$2" -d"${DURATION}s" --latency -H "$VISITOR" "$BASE$3" > "$WORK/$1.txt" 2>&1
}
# summary NAME: "rps | p50 | p99 | timeouts and errors" of a finished run (wrk_summary, bench/env.sh).
summary() {
  wrk_summary "$WORK/$1.txt" | sed 's/|/ | /g'
}
# phase PREFIX: board alone, search alone, both at once, on the app as started.
phase() {
  bench_visitor_cookie "$BASE"
  echo "warming up ($1)" >&2
  wrk -t2 -c8 -d"${WARMUP}s" -H "$VISITOR" "$BASE/boards/$BOARD" > /dev/null 2>&1 || true
  wrk -t2 -c32 -d"${WARMUP}s" -H "$VISITOR" "$BASE$SEARCH" > /dev/null 2>&1 || true
  echo "board alone, search alone, both at once ($1)" >&2
  wrk_run "$1-board-alone" 8 "/boards/$BOARD"
  wrk_run "$1-search-alone" 32 "$SEARCH"
  wrk_run "$1-board-with-search" 8 "/boards/$BOARD" &
  local board_wrk=$!
  wrk_run "$1-search-with-board" 32 "$SEARCH"
  wait "$board_wrk"
}
rows() {
  echo "| board page alone | $(summary "$1-board-alone") |"
  echo "| search alone | $(summary "$1-search-alone") |"
  echo "| board page, while the search runs | $(summary "$1-board-with-search") |"
  echo "| search, while the board page runs | $(summary "$1-search-with-board") |"
}

# The engine: no page cache, every search and every board page is worked out.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
export FANLOOP_VISITOR_CACHE_TTL=PT0S
start_app "$WORK/app-nocache.log"
phase nocache
ONE_AT_A_TIME=$(BASE_URL="$BASE" HEALTH_URL="http://127.0.0.1:$BENCH_MANAGEMENT_PORT/q/health/ready" \
  PGURL="postgresql://postgres@127.0.0.1:5432/$BENCH_DB" bash "$BENCH_DIR/search.sh" "$RUNS" \
  | sed 's/^## /### /; s/^# Search benchmark/## One at a time (bench\/search.sh, no cookie: never from the page cache)/')
stop_app
# As in production: the page cache (2 s) serves the same words asked again, as it serves board pages.
unset FANLOOP_VISITOR_CACHE_TTL
start_app "$WORK/app-cache.log"
phase cache
stop_app

echo "# Search at one million suggestions (issue 15)"
echo
echo "- when: $(date -u +%Y-%m-%dT%H:%MZ), commit $(cd "$ROOT" && git rev-parse --short HEAD)"
echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, load before the run: $LOAD_BEFORE"
echo "- database $BENCH_DB: $(psql -d "$BENCH_DB" -tAc "select count(*) from suggestion") suggestions, $(psql -d "$BENCH_DB" -tAc "select count(*) from comment") comments, $(psql -d "$BENCH_DB" -tAc "select count(*) from suggestion where search_vector @@ '相机'") suggestions with 相机"
echo "- app: packaged, prod mode, as bench/run.sh starts it (bench/env.sh); wrk 2 threads, ${DURATION} s per run after a ${WARMUP} s warm-up, 2 s timeout"
echo
echo "## Under load: \`GET $SEARCH\` (32 connections) and a board page (8 connections)"
echo
echo "Search engine alone: page cache off (\`FANLOOP_VISITOR_CACHE_TTL=PT0S\`), every request worked out."
echo
echo "| run | requests/s | p50 | p99 | timeouts, errors |"
echo "|---|---|---|---|---|"
rows nocache
echo
echo "As in production: the page cache on (2 s, a returning visitor's cookie), for searches as for board pages."
echo
echo "| run | requests/s | p50 | p99 | timeouts, errors |"
echo "|---|---|---|---|---|"
rows cache
echo
echo "$ONE_AT_A_TIME"
