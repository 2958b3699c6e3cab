#!/usr/bin/env bash
# The search catch-up (SearchReindex) on a big database (bench/NOTES.md, "Issue 15: re-indexing"): marks every
# suggestion, comment and release stale (search_version = 0, as after a change of the analysis; FRESH=1 also drops
# the vectors, as a database from before search), forgets earlier runs, starts the packaged app as bench/run.sh
# does, prints the seconds until /q/health/ready answers, times a few pages while the catch-up runs, follows the
# run's progress row until it is done and prints its rows, time and rows/s; then checks that no row is left stale.
#   BENCH_DB=fanloop_bench_reindex BENCH_PORT=18200 BENCH_MANAGEMENT_PORT=18201 bench/reindex.sh
#   KILL_AFTER=20 ...   # kill -9 the app 20 s into the run, start it again and check that it resumes
#   FANLOOP_SEARCH_REINDEX_BATCH=5000 FANLOOP_SEARCH_REINDEX_THREADS=1 ...   # other batch sizes and thread counts
# Writes its output and the conditions to bench/REINDEX-RESULTS.md (RESULTS=path elsewhere, RESULTS= for none).
# Last line, for scripts: reindex|<rows>|<seconds>|<rows/s>|<ready seconds>
set -euo pipefail
source "$(dirname "$0")/env.sh"
RESULTS="${RESULTS-$BENCH_DIR/REINDEX-RESULTS.md}"
REINDEX_WAIT="${REINDEX_WAIT:-3000}"   # give up waiting for the catch-up after this many seconds
KILL_AFTER="${KILL_AFTER:-0}"
FRESH="${FRESH:-0}"
WORK="$BENCH_DIR/work"
mkdir -p "$WORK"
APP_DIR="${BENCH_APP_DIR:-$ROOT/target/quarkus-app}"
[ -f "$APP_DIR/quarkus-run.jar" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
export BENCH_APP_DIR="$APP_DIR"
q() { psql -d "$BENCH_DB" -tAc "$1"; }
now() { date +%s.%N; }
OUT="$WORK/reindex-output.txt"
exec 3>&1 4>&2 > >(tee "$OUT") 2>&1
WHEN=$(date -u +%Y-%m-%dT%H:%MZ)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
if curl -s -m 2 -o /dev/null "http://127.0.0.1:$BENCH_PORT/"; then
  echo "port $BENCH_PORT is already in use; choose another with BENCH_PORT=..." >&2
  exit 1
fi

echo "re-index on $BENCH_DB: $(q "select count(*) from suggestion") suggestions, $(q "select count(*) from comment") comments,"\
  "$(q "select count(*) from release") releases; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
WITH_WORDS=$(q "select (select count(*) from suggestion where search_vector is not null) + (select count(*) from comment where search_vector is not null)")
setup=$(now)
echo "marking every row stale$([ "$FRESH" = 1 ] && echo ', vectors dropped') and forgetting earlier runs (not timed)"
vector=""
[ "$FRESH" = 1 ] && vector="search_vector = null,"
psql -d "$BENCH_DB" -q -v ON_ERROR_STOP=1 <<SQL
update suggestion set $vector search_version = 0 where search_version <> 0 or search_vector is not null and '$FRESH' = '1';
update comment set $vector search_version = 0 where search_version <> 0 or search_vector is not null and '$FRESH' = '1';
update release set $vector search_version = 0 where search_version <> 0 or search_vector is not null and '$FRESH' = '1';
-- The runs' table exists once this build has migrated the database (the app's start below does it otherwise).
do \$\$ begin if to_regclass('search_reindex') is not null then delete from search_reindex; end if; end \$\$;
SQL
# Dead rows from the marking would otherwise be cleaned up by autovacuum during the measured run.
psql -d "$BENCH_DB" -q -c "vacuum analyze suggestion" -c "vacuum analyze comment" -c "vacuum analyze release"
echo "  prepared in $(since "$setup") s"

# The catch-up's progress lines are INFO; the bench otherwise logs warnings only.
export QUARKUS_LOG_CATEGORY__APP_FANLOOP_SEARCH__LEVEL=INFO
LOG="$WORK/reindex.log"
trap stop_app EXIT
start_app "$LOG"
READY=$APP_READY_SECONDS
echo "ready after $READY s (from launching the JVM); the run: $(q "select phase || ', ' || rows_done || ' of ' || total_rows || ' rows' from search_reindex")"

# Pages while the catch-up runs: a board (the visitor cache is bypassed with a fresh sort/page pair each time),
# a suggestion and a search, every few seconds; their times go to $WORK/reindex-pages.txt.
BOARD=$(q "select slug from board order by position limit 1")
FIRST=$(q "select min(id) from suggestion")
: > "$WORK/reindex-pages.txt"
page_ms() { curl -s -o /dev/null -m 30 -w '%{http_code} %{time_total}\n' "$1" | awk '{ printf "%s %.0f\n", $1, $2 * 1000 }'; }
sample_pages() {
  local n=$1 code ms
  for url in "http://127.0.0.1:$BENCH_PORT/boards/$BOARD?sort=new&page=$(( n % 40 + 1 ))" \
             "http://127.0.0.1:$BENCH_PORT/suggestions/$(( FIRST + n * 997 % 50000 ))" \
             "http://127.0.0.1:$BENCH_PORT/search?q=%E7%9B%B8%E6%9C%BA+$n"; do
    read -r code ms < <(page_ms "$url")
    echo "$code $ms ${url#http://127.0.0.1:$BENCH_PORT}" >> "$WORK/reindex-pages.txt"
  done
}

RESULT=timeout
KILLED=0
start=$(now)
n=0
while :; do
  phase=$(q "select phase from search_reindex order by id desc limit 1")
  if [ "$phase" = DONE ]; then
    RESULT=done
    break
  fi
  if [ "$KILL_AFTER" != 0 ] && [ "$KILLED" = 0 ] && [ "$(since "$start" | cut -d. -f1)" -ge "$KILL_AFTER" ]; then
    before=$(q "select after_id || ' ' || rows_done || ' ' || phase from search_reindex")
    kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
    echo "killed -9 at $(since "$start") s: cursor (after id, rows done, phase) = $before"
    KILLED=1
    start_app "$WORK/reindex-restart.log"
    echo "started again, ready after $APP_READY_SECONDS s: $(q "select after_id || ' ' || rows_done || ' ' || phase from search_reindex")"
    LOG="$WORK/reindex-restart.log"
  fi
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app stopped; see $LOG" >&2; break; }
  if [ "$(since "$start" | cut -d. -f1)" -ge "$REINDEX_WAIT" ]; then
    echo "the catch-up did not finish within $REINDEX_WAIT s" >&2
    break
  fi
  sample_pages "$n"
  n=$((n + 1))
  sleep 2
done
grep -hE "Search index" "$WORK/reindex.log" $([ "$KILLED" = 1 ] && echo "$WORK/reindex-restart.log") | sed 's/^/  app: /' | tail -40
if [ -s "$WORK/reindex-pages.txt" ]; then
  echo "pages during the catch-up: $(wc -l < "$WORK/reindex-pages.txt") requests, status $(cut -d' ' -f1 "$WORK/reindex-pages.txt" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')," \
    "$(cut -d' ' -f2 "$WORK/reindex-pages.txt" | sort -n | awk '{ a[NR] = $1 } END { printf "median %d ms, p90 %d ms, max %d ms", a[int((NR + 1) / 2)], a[int(NR * 0.9 + 0.5)], a[NR] }')"
fi
if [ "$RESULT" = done ]; then
  read -r rows seconds batches < <(q "select rows_done, round(extract(epoch from finished_at - started_at)::numeric, 1), batches
    from search_reindex order by id desc limit 1" | tr '|' ' ')
  rate=$(awk -v r="$rows" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')
  echo "catch-up: $rows rows in $batches batches, $seconds s from its start to its end, $rate rows/s"
  v="(select max(version) from search_reindex)"
  echo "rows still stale: suggestions $(q "select count(*) from suggestion where search_version < $v"), comments"\
    "$(q "select count(*) from comment where search_version < $v"), releases $(q "select count(*) from release where search_version < $v")"
  echo "reindex|$rows|$seconds|$rate|$READY"
else
  echo "reindex|-|$RESULT|-|$READY"
fi
exec 1>&3 2>&4
sleep 1   # tee writes out the last lines
if [ -n "$RESULTS" ]; then
  {
    echo "# Search catch-up benchmark (bench/reindex.sh)"
    echo
    echo "- when: $WHEN; git $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src || echo ' (with uncommitted changes in src)')"
    echo "- database: \`$BENCH_DB\`, $(q "select count(*) from suggestion") suggestions, $(q "select count(*) from comment") comments,"\
      "$(q "select count(*) from release") releases, $(q "select pg_size_pretty(pg_database_size(current_database()))");"\
      "every row marked stale first; $WITH_WORDS suggestions and comments had a vector at the start$([ "$FRESH" = 1 ] && echo ', dropped (FRESH=1)')"
    echo "- machine: $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GB RAM, shared; load average $LOAD_BEFORE at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
    echo "- PostgreSQL: $(q "show server_version"), shared_buffers $(q "show shared_buffers"), max_wal_size $(q "show max_wal_size")"
    echo "- app: packaged, \`${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}\`, batch ${FANLOOP_SEARCH_REINDEX_BATCH:-2000} ids, ${FANLOOP_SEARCH_REINDEX_THREADS:-2} analysis threads$([ "$KILL_AFTER" != 0 ] && echo ", killed with -9 after $KILL_AFTER s and started again")"
    echo
    echo '```text'
    sed 's/^  app: [0-9-]* \([0-9:,]*\) INFO  \[[^]]*\] ([^)]*) /  app \1: /' "$OUT"
    echo '```'
  } > "$RESULTS"
  echo "written: $RESULTS" >&2
fi
