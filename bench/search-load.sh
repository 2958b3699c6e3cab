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
# The visitor page cache is off (FANLOOP_VISITOR_CACHE_TTL=PT0S): every board page is rendered, so it competes
# with the searches for the two cores, which is what "other pages unaffected" has to survive. Search is never
# cached. DURATION (default 20) and WARMUP (default 5) seconds per wrk run; RUNS (default 20) per search.sh query.
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
export FANLOOP_VISITOR_CACHE_TTL=PT0S FANLOOP_SEARCH_REINDEX_AT_START=false
start_app "$WORK/app.log"
BASE="http://127.0.0.1:$BENCH_PORT"
bench_visitor_cookie "$BASE"
BOARD=$(psql -d "$BENCH_DB" -tAc "select slug from board order by position limit 1")
SEARCH="/search?q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$QUERY")"

# wrk_run NAME CONNECTIONS PATH: prints "rps|p50|p99|timeouts and errors" from a finished run's output file.
wrk_run() {
  wrk -t2 -c"$2" -d"${DURATION}s" --latency -H "$VISITOR" "$BASE$3" > "$WORK/$1.txt" 2>&1
}
summary() {
  local out="$WORK/$1.txt" errs
  errs=$(awk '/Non-2xx/ {print "non-2xx: " $NF} /Socket errors/ {sub(/^ *Socket errors: */, ""); print}' "$out" | tr '\n' ' ')
  printf '%s | %s | %s | %s' "$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$out")" \
    "$(awk '$1 == "50%" {print $2}' "$out")" "$(awk '$1 == "99%" {print $2}' "$out")" "${errs:-none}"
}

echo "warming up" >&2
wrk -t2 -c8 -d"${WARMUP}s" -H "$VISITOR" "$BASE/boards/$BOARD" > /dev/null 2>&1 || true
wrk -t2 -c32 -d"${WARMUP}s" -H "$VISITOR" "$BASE$SEARCH" > /dev/null 2>&1 || true
echo "board alone" >&2
wrk_run board-alone 8 "/boards/$BOARD"
echo "search alone" >&2
wrk_run search-alone 32 "$SEARCH"
echo "both at once" >&2
wrk_run board-with-search 8 "/boards/$BOARD" &
BOARD_WRK=$!
wrk_run search-with-board 32 "$SEARCH"
wait "$BOARD_WRK"

echo "# Search at one million suggestions (issue 15)"
echo
echo "- when: $(date -u +%Y-%m-%dT%H:%MZ), commit $(cd "$ROOT" && git rev-parse --short HEAD)"
echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- database $BENCH_DB: $(psql -d "$BENCH_DB" -tAc "select count(*) from suggestion") suggestions, $(psql -d "$BENCH_DB" -tAc "select count(*) from comment") comments, $(psql -d "$BENCH_DB" -tAc "select count(*) from suggestion where search_vector @@ '相机'") suggestions with 相机"
echo "- app: packaged, prod mode, as bench/run.sh starts it (bench/env.sh), visitor page cache off; wrk 2 threads, ${DURATION} s per run after a ${WARMUP} s warm-up, 2 s timeout"
echo
echo "## Under load: \`GET $SEARCH\` (32 connections) and a board page (8 connections)"
echo
echo "| run | requests/s | p50 | p99 | timeouts, errors |"
echo "|---|---|---|---|---|"
echo "| board page alone | $(summary board-alone) |"
echo "| search alone | $(summary search-alone) |"
echo "| board page, while the search runs | $(summary board-with-search) |"
echo "| search, while the board page runs | $(summary search-with-board) |"
echo
BASE_URL="$BASE" HEALTH_URL="http://127.0.0.1:$BENCH_MANAGEMENT_PORT/q/health/ready" PGURL="postgresql://postgres@127.0.0.1:5432/$BENCH_DB" \
  bash "$BENCH_DIR/search.sh" "$RUNS" | sed 's/^## /### /; s/^# Search benchmark/## One at a time (bench\/search.sh)/'
