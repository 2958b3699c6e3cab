#!/usr/bin/env bash
# The first start after the honours migrations on a big database (bench/NOTES.md, "The first start"):
# resets the bench database's honours to "never ran" (no ledger, no backfill medals, totals 0, no backfill
# row: as a big database looks right after the migrations), starts the packaged app, prints the seconds
# until /q/health/ready answers on the management port, then waits (bounded) for the background backfill
# to finish, prints its duration and rows/s, checks every member's total against the ledger, and stops the app.
#   BENCH_DB=fanloop_bench_backfill BENCH_PORT=18150 BENCH_MANAGEMENT_PORT=18151 bench/first-start.sh
# Last line, for scripts: first-start|<ready seconds>|<backfill seconds>
set -euo pipefail
source "$(dirname "$0")/env.sh"
BACKFILL_WAIT="${BACKFILL_WAIT:-1800}"   # give up waiting for the backfill after this many seconds
READY_WAIT="${READY_WAIT:-600}"
WORK="$BENCH_DIR/work"
mkdir -p "$WORK"
APP_DIR="${BENCH_APP_DIR:-$ROOT/target/quarkus-app}"
[ -f "$APP_DIR/quarkus-run.jar" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
q() { psql -d "$BENCH_DB" -tAc "$1"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
if curl -s -m 2 -o /dev/null "http://127.0.0.1:$BENCH_PORT/"; then
  echo "port $BENCH_PORT is already in use; choose another with BENCH_PORT=..." >&2
  exit 1
fi

echo "first start on $BENCH_DB: $(q "select count(*) from suggestion") suggestions, $(q "select count(*) from vote") votes,"\
  "$(q "select count(*) from comment") comments, $(q "select count(*) from member") members"
echo "resetting honours to 'never ran' (ledger, the backfill's medals, totals and levels, the backfill row)"
psql -d "$BENCH_DB" -q -v ON_ERROR_STOP=1 <<'SQL'
begin;
truncate honour_point;
delete from member_medal where medal in ('FIRST_SUGGESTION', 'FIRST_ADOPTED', 'FIRST_SHIPPED', 'TEN_SHIPPED');
update member set points = 0, level = 1 where points <> 0 or level <> 1;
delete from honour_backfill;
commit;
analyze honour_point;
SQL

# The backfill's progress lines are INFO; the bench otherwise logs warnings only.
export QUARKUS_LOG_CATEGORY__APP_FANLOOP_HONOUR__LEVEL=INFO
# launch LOGFILE: starts the packaged app, waits for readiness and sets READY to the seconds it took.
launch() {
  local start
  start=$(now)
  java ${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS} -jar "$APP_DIR/quarkus-run.jar" > "$1" 2>&1 &
  APP_PID=$!
  until curl -sf -m 5 -o /dev/null "http://127.0.0.1:$BENCH_MANAGEMENT_PORT/q/health/ready"; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app stopped; see $1" >&2; exit 1; }
    [ "$(since "$start" | cut -d. -f1)" -lt "$READY_WAIT" ] || { echo "not ready after $READY_WAIT s; see $1" >&2; exit 1; }
    sleep 0.1
  done
  READY=$(since "$start")
}
trap stop_app EXIT
LOG="$WORK/first-start.log"
start=$(now)
launch "$LOG"
echo "ready after $READY s (from launching the JVM); backfill: $(q "select phase || ' after id ' || after_id from honour_backfill")"
home_ms=$(curl -s -o /dev/null -m 60 -w '%{time_total}' "http://127.0.0.1:$BENCH_PORT/" | awk '{printf "%.0f", $1 * 1000}')
echo "the home page while the backfill runs: ${home_ms} ms (first request after start)"

BACKFILL=timeout
while :; do
  phase=$(q "select phase from honour_backfill")
  if [ "$phase" = DONE ]; then
    BACKFILL=$(q "select round(extract(epoch from finished_at - started_at)::numeric, 1) from honour_backfill")
    break
  fi
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app stopped; see $LOG" >&2; break; }
  if [ "$(since "$start" | cut -d. -f1)" -ge "$BACKFILL_WAIT" ]; then
    echo "the backfill did not finish within $BACKFILL_WAIT s" >&2
    break
  fi
  sleep 1
done
grep -E "Honours backfill" "$LOG" | sed 's/^/  app: /' | tail -20
if [ "$BACKFILL" != timeout ]; then
  read -r rows batches < <(q "select rows_written, batches from honour_backfill" | tr '|' ' ')
  echo "backfill: $rows ledger rows in $batches batches, $BACKFILL s, $(awk -v r="$rows" -v s="$BACKFILL" 'BEGIN { printf "%.0f", r / s }') rows/s"
  echo "members whose total is not the sum of their ledger rows: $(q "select count(*) from member m left join
    (select member_id, sum(points) t from honour_point where revoked_at is null group by member_id) l on l.member_id = m.id
    where m.points <> coalesce(l.t, 0)")"
fi
stop_app
# The same start with nothing to backfill, right after: on a busy machine the JVM's own start dominates, so
# read the first start's readiness against this one.
FIRST_READY=$READY
launch "$WORK/later-start.log"
stop_app
echo "a later start (backfill done): ready after $READY s"
echo "first-start|$FIRST_READY|$BACKFILL"
