#!/usr/bin/env bash
# Release fan-out: how long publishing a release, turning it into notifications (notification/NotificationDelivery)
# and sending the "immediately" mail (notification/NotificationMailer) take, per 1,000 recipients, with one app
# process and with two on the same database. Writes bench/FANOUT-RESULTS.md.
#
#   bench/fanout.sh                                    # 100,000 members; runs with 1, 2, 1, 2 app processes
#   MEMBERS=50000 NODES="1" MAIL_SECONDS=60 SKIP_PACKAGE=1 bench/fanout.sh
#   MEMBERS=1000000 NODES=1 MAIL_SHARE=0.01 VOTER_SHARE=0.05 MAIL_SECONDS=30 RESULTS=bench/FANOUT-1M-RESULTS.md bench/fanout.sh
#                                                      # a million followers (FANOUT_PORT=18400: ports from 18400)
#
# Each run drops and creates the scratch database fanloop_scaling_fanout, starts the packaged app in prod mode on it
# (bench/env.sh: bench-only keys, 127.0.0.1 only; the first start migrates), loads bench/fanout.sql (MEMBERS members,
# all following the DEV channel; VOTER_SHARE of them voted on and follow one of the ten suggestions the release ships;
# MAIL_SHARE of them want mail immediately), then schedules the release due and watches the jobs with psql:
#   publish   ReleasePublisher claims it (checked every second here; 1 min in production) and ships it in one
#             transaction that also writes the audience of the shipped suggestions (authors, voters, followers; the
#             channel's followers are read by the delivery, not written here);
#   delivery  one domain event → chunks of fanloop.notification.chunk-size (10,000) notifications, one short
#             transaction each (NotificationDelivery); its start is the first chunk's query_start seen in
#             pg_stat_activity, its end the event's delivered_at;
#   mail      one member per transaction, claimed with SKIP LOCKED; the rate is taken from notification.mailed_at
#             (first to last), the mail goes over SMTP to bench/smtp-sink.py on 127.0.0.1 (a real SMTP exchange, no
#             disk, no network), and the run stops watching after MAIL_SECONDS.
# With two processes both run every job; the chunks of a single release event follow one another (the event row's
# lock), taken by whichever process claims the event next, while mail is shared member by member. Both processes share this machine's two cores with
# PostgreSQL: the two-process figure measures contention, not scale-out.
set -euo pipefail
export BENCH_DB=fanloop_scaling_fanout
BASE_PORT="${FANOUT_PORT:-18300}"
export BENCH_PORT="$BASE_PORT" BENCH_MANAGEMENT_PORT=$((BASE_PORT + 1))
source "$(dirname "$0")/env.sh"
MEMBERS="${MEMBERS:-100000}"
VOTER_SHARE="${VOTER_SHARE:-0.5}"
MAIL_SHARE="${MAIL_SHARE:-0.1}"
MAIL_SECONDS="${MAIL_SECONDS:-60}"
NODES="${NODES:-1 2 1 2}"
SINK_PORT="${SINK_PORT:-$((BASE_PORT + 10))}"
RESULTS="${RESULTS:-$BENCH_DIR/FANOUT-RESULTS.md}"
# How long to wait for the publish, and then for the delivery, before giving up.
WAIT_SECONDS="${WAIT_SECONDS:-900}"
WORK="$BENCH_DIR/work/fanout"
mkdir -p "$WORK"
q() { psql -d "$BENCH_DB" -tAc "$1"; }
now() { date +%s.%N; }
TICK=$(getconf CLK_TCK)
# cpu: CPU seconds (user + system, /proc/PID/stat) used so far by the app processes and by the database sessions of
# the run's database, as "app db": the load-independent cost of each phase (the machine is shared).
cpu() {
  local p app=0 db=0 t
  for p in "${PIDS[@]}"; do t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0); app=$((app + t)); done
  for p in $(q "select pid from pg_stat_activity where datname = '$BENCH_DB' and backend_type = 'client backend' and pid <> pg_backend_pid()"); do
    t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0); db=$((db + t))
  done
  awk -v a="$app" -v d="$db" -v hz="$TICK" 'BEGIN { printf "%.2f %.2f", a / hz, d / hz }'
}
# ms_per DELTA_START DELTA_END COUNT: CPU milliseconds per item between two cpu() readings, as "app db".
ms_per() {
  echo "$1 $2 $3" | awk '{ if ($5 > 0) printf "%.2f %.2f", 1000 * ($3 - $1) / $5, 1000 * ($4 - $2) / $5; else print "- -" }'
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

package_app "$WORK/app"
export BENCH_APP_DIR="$WORK/app"

# The jobs as in production, but checked every second so that the waits between them stay small against the work.
export FANLOOP_RELEASE_CHECK_EVERY=1s FANLOOP_NOTIFICATION_DELIVER_EVERY=1s FANLOOP_NOTIFICATION_MAIL_EVERY=1s
export FANLOOP_NOTIFICATION_DIGEST_EVERY=off
export QUARKUS_MAILER_MOCK=false QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="$SINK_PORT"
export QUARKUS_MAILER_START_TLS=DISABLED QUARKUS_MAILER_TLS=false
export QUARKUS_MAILER_FROM="Fanloop <no-reply@fanloop.example.com>"

PIDS=()
SINK_PID=
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  PIDS=()
  [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null || true
  SINK_PID=
}
trap cleanup EXIT
trap 'cleanup; exit 143' TERM INT

ROWS=()
# run N K: the K-th measured run, with N app processes; appends a row to ROWS and details to $WORK/details-K.txt.
run() {
  local nodes="$1" k="$2" i base
  echo "== $nodes app process(es), $MEMBERS members"
  psql -d postgres -qc "drop database if exists $BENCH_DB with (force)" -c "create database $BENCH_DB"
  python3 "$BENCH_DIR/smtp-sink.py" "$SINK_PORT" "$WORK/sink-$k.txt" &
  SINK_PID=$!
  sleep 0.5
  for i in $(seq 1 "$nodes"); do
    export BENCH_PORT=$((BASE_PORT + 2 * (i - 1))) BENCH_MANAGEMENT_PORT=$((BASE_PORT + 1 + 2 * (i - 1)))
    export QUARKUS_HTTP_PORT="$BENCH_PORT" QUARKUS_MANAGEMENT_PORT="$BENCH_MANAGEMENT_PORT"
    export FANLOOP_SITE_URL="http://127.0.0.1:$BENCH_PORT"
    start_app "$WORK/app-$k-$i.log"
    PIDS+=("$APP_PID")
    echo "  process $i ready in $APP_READY_SECONDS s (port $BENCH_PORT)"
  done
  local t=$(date +%s)
  psql -d "$BENCH_DB" -q -v members="$MEMBERS" -v voter_share="$VOTER_SHARE" -v mail_share="$MAIL_SHARE" \
    -f "$BENCH_DIR/fanout.sql" | sed 's/^/  /'
  echo "  data loaded in $(( $(date +%s) - t )) s"
  local release
  release=$(q "select id from release where version = 'OS-FANOUT.DEV'")

  # ---- publish
  local scheduled published_seen delivered_seen insert_start="" event state
  local cpu0 cpu1 cpu2 cpu3 cpu4 mailed0
  cpu0=$(cpu)
  q "update release set state = 'SCHEDULED', scheduled_at = now(), scheduled_by_id = created_by_id where id = $release" > /dev/null
  scheduled=$(now)
  while :; do
    state=$(q "select state from release where id = $release")
    [ "$state" = PUBLISHED ] && break
    if [ "$(secs "$scheduled" "$(now)" | cut -d. -f1)" -gt "$WAIT_SECONDS" ]; then
      # Recorded, not fatal: a publish longer than the transaction timeout is rolled back by Narayana's reaper
      # (ARJUNA012117 in the app's log) and claimed again by the next run of the job.
      local aborted
      aborted=$(cat "$WORK"/app-"$k"-*.log | grep -c ARJUNA012117 || true)
      cleanup
      echo "run $k: $nodes app process(es); not published within $WAIT_SECONDS s; publish transactions aborted by the transaction timeout (${QUARKUS_TRANSACTION_MANAGER_DEFAULT_TRANSACTION_TIMEOUT:-60s, the default}): $aborted" \
        | tee "$WORK/details-$k.txt" | sed 's/^/  /'
      ROWS+=("| $k | $nodes | $(cut -d' ' -f1 /proc/loadavg) | **not published within $WAIT_SECONDS s**: the publish was rolled back $aborted time(s) by the transaction timeout (${QUARKUS_TRANSACTION_MANAGER_DEFAULT_TRANSACTION_TIMEOUT:-60 s, the Quarkus default}) and claimed again | | | | | | | | | | | | | | |")
      return 0
    fi
    sleep 0.1
  done
  published_seen=$(now)
  cpu1=$(cpu)
  event=$(q "select id from domain_event where kind = 'RELEASE_PUBLISHED' and release_id = $release")
  # ---- delivery: watch for the first chunk's notification insert, then for delivered_at; each move of the event's
  # cursor (delivered_up_to) is a committed chunk, its time taken when seen (polled every 0.1 s)
  local cursor last_cursor=""
  : > "$WORK/chunks-$k.txt"
  while :; do
    [ -z "$insert_start" ] && insert_start=$(q "select extract(epoch from query_start) from pg_stat_activity
        where datname = '$BENCH_DB' and state = 'active' and query like '%insert into notification%' limit 1")
    cursor=$(q "select coalesce(delivered_up_to, 0) || ' ' || (delivered_at is not null) from domain_event where id = $event")
    if [ "$cursor" != "$last_cursor" ]; then echo "$(now) $cursor" >> "$WORK/chunks-$k.txt"; last_cursor="$cursor"; fi
    [ "${cursor#* }" = true ] && break
    [ "$(secs "$published_seen" "$(now)" | cut -d. -f1)" -gt "$WAIT_SECONDS" ] && { echo "not delivered within $WAIT_SECONDS s" >&2; return 1; }
    sleep 0.1
  done
  delivered_seen=$(now)
  cpu2=$(cpu)
  local publish_start delivered_at audience notifications status_audience
  publish_start=$(q "select extract(epoch from published_at) from release where id = $release")
  delivered_at=$(q "select extract(epoch from delivered_at) from domain_event where id = $event")
  audience=$(q "select count(*) from domain_event_audience where event_id = $event")
  status_audience=$(q "select count(*) from domain_event_audience a join domain_event e on e.id = a.event_id
      where e.kind = 'SUGGESTION_STATUS_CHANGED'")
  notifications=$(q "select count(*) from notification where event_id = $event")
  local n_bytes a_bytes e_rows
  n_bytes=$(q "select pg_total_relation_size('notification')")
  a_bytes=$(q "select pg_total_relation_size('domain_event_audience')")
  local n_all a_all
  n_all=$(q "select count(*) from notification")
  a_all=$(q "select count(*) from domain_event_audience")

  # ---- mail
  local owed mail_start=$(now) mailed load
  load=$(cut -d' ' -f1 /proc/loadavg)
  mailed0=$(q "select count(*) from notification where mailed_at is not null")
  cpu3=$(cpu)
  owed=$(q "select count(distinct member_id) from notification where mail_pending or mailed_at is not null")
  # What the database sessions of the run wait on, sampled every second while mail goes out.
  : > "$WORK/waits-$k.txt"
  while :; do
    mailed=$(q "select count(*) from notification where mailed_at is not null")
    [ "$mailed" -ge "$owed" ] && break
    [ "$(secs "$mail_start" "$(now)" | cut -d. -f1)" -ge "$MAIL_SECONDS" ] && break
    q "select coalesce(wait_event_type || ':' || wait_event, 'CPU') from pg_stat_activity
       where datname = '$BENCH_DB' and state = 'active' and pid <> pg_backend_pid()" >> "$WORK/waits-$k.txt"
    sleep 1
  done
  load="$load → $(cut -d' ' -f1 /proc/loadavg)"
  mailed=$(q "select count(*) from notification where mailed_at is not null")
  cpu4=$(cpu)
  local mail_cpu delivery_cpu publish_cpu
  # Per 1,000 recipients (the release's notifications): the audience rows no longer include the channel's followers.
  publish_cpu=$(ms_per "$cpu0" "$cpu1" "$((notifications / 1000))")
  delivery_cpu=$(ms_per "$cpu1" "$cpu2" "$((notifications / 1000))")
  local in_watch=$((mailed - mailed0))
  mail_cpu=$(ms_per "$cpu3" "$cpu4" "$in_watch")
  # Stopped first (gracefully: a mail in progress commits), then counted: the sink must hold one mail per mailed member.
  cleanup
  mailed=$(q "select count(*) from notification where mailed_at is not null")
  local mail_span mail_rate sink_count dup
  mail_span=$(q "select extract(epoch from max(mailed_at) - min(mailed_at)) from notification where mailed_at is not null")
  mail_rate=$(awk -v n="$mailed" -v s="$mail_span" 'BEGIN { if (s > 0) printf "%.1f", (n - 1) / s; else print "-" }')
  sink_count=$(cut -d' ' -f1 "$WORK/sink-$k.txt")
  dup=$(q "select count(*) from (select member_id from notification where event_id = $event group by member_id having count(*) > 1) d")
  local first_mail_after
  first_mail_after=$(q "select extract(epoch from min(mailed_at)) from notification")

  # chunks: the cursor's moves plus the last chunk (the one that set delivered_at); the slowest is the longest gap
  # between two moves seen (from the first chunk's start for the first one)
  local chunks chunk_max
  # (a chunk transaction per full chunk of the audience, plus the last, shorter one that marks the event delivered)
  chunks=$((notifications / ${FANLOOP_NOTIFICATION_CHUNK_SIZE:-10000} + 1))
  chunk_max=$(awk -v s="${insert_start:-0}" 'NR == 1 { p = (s > 0 && s < $1) ? s : $1 } { if ($1 - p > m) m = $1 - p; p = $1 } END { printf "%.1f", m }' "$WORK/chunks-$k.txt")
  local publish_s delivery_s wait_s per1000_delivery per1000_mail
  publish_s=$(secs "$publish_start" "$published_seen")
  delivery_s=$(secs "${insert_start:-$published_seen}" "$delivered_at")
  wait_s=$(secs "$published_seen" "${insert_start:-$published_seen}")
  per1000_delivery=$(awk -v s="$delivery_s" -v n="$notifications" 'BEGIN { printf "%.2f", 1000 * s / n }')
  per1000_mail=$(awk -v r="$mail_rate" 'BEGIN { if (r > 0) printf "%.1f", 1000 / r; else print "-" }')
  {
    echo "run $k: $nodes app process(es); release=$release event=$event; load average (1 min) while mailing: $load"
    echo "publish: published_at → seen published: $publish_s s (polled every 0.1 s; scheduled → seen: $(secs "$scheduled" "$published_seen") s)"
    echo "delivery: $chunks chunk(s) of at most ${FANLOOP_NOTIFICATION_CHUNK_SIZE:-10000} (the cursor seen moving $(($(wc -l < "$WORK/chunks-$k.txt") - 1)) time(s), polled every 0.1 s); slowest chunk as seen: $chunk_max s"
    echo "delivery: first insert started $(secs "$published_seen" "${insert_start:-$published_seen}") s after the publish was seen; insert → delivered_at $delivery_s s; seen $(secs "$published_seen" "$delivered_seen") s after the publish"
    echo "audience of the release event: $audience; of the ten status changes: $status_audience; notifications: $notifications; members with two notifications of the release: $dup"
    echo "notification: $n_all rows, $n_bytes bytes with indexes and TOAST; domain_event_audience: $a_all rows, $a_bytes bytes"
    echo "mail: owed to $owed members; $mailed notifications mailed (counted after the processes stopped; at most ${MAIL_SECONDS} s of watching); first→last mailed_at $mail_span s; sink received $sink_count mails"
    echo "CPU readings (app s, database s): scheduled $cpu0; published $cpu1; delivered $cpu2; mail watch from $cpu3 to $cpu4 ($in_watch mails in it)"
    echo "database sessions while mailing, samples per state: $(sort "$WORK/waits-$k.txt" | uniq -c | sort -rn | awk '{printf "%s %s; ", $2, $1}')"
  } | tee "$WORK/details-$k.txt" | sed 's/^/  /'
  ROWS+=("| $k | $nodes | $load | $notifications | $audience + $status_audience | $publish_s | $delivery_s | $chunks; $(awk -v d="$delivery_s" -v c="$chunks" 'BEGIN { printf "%.1f", d / c }') / $chunk_max | $per1000_delivery | $(awk -v a="$n_bytes" -v n="$n_all" 'BEGIN { printf "%.0f", a / n }') | $(awk -v a="$a_bytes" -v n="$a_all" 'BEGIN { printf "%.0f", a / n }') | $mailed of $owed | $mail_rate | $per1000_mail | $(echo "$publish_cpu" | tr ' ' '/') | $(echo "$delivery_cpu" | tr ' ' '/') | $(echo "$mail_cpu" | tr ' ' '/') | $sink_count; $([ "$dup" = 0 ] && echo none || echo "**$dup**") |")
}

K=0
for n in $NODES; do K=$((K + 1)); run "$n" "$K"; done

{
  echo "# Release fan-out: publish, notifications, immediate mail"
  echo
  echo "Written by \`bench/fanout.sh\` — do not edit by hand; read with docs/SCALING.md (\"Fan-out of a release\")."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GB RAM, **shared with other builds and tests while this ran** (figures ±40%; compare rows of this file only); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- $(java -version 2>&1 | head -1); $(psql -tAc 'show server_version' -d postgres | sed 's/^/PostgreSQL /'); JVM: ${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}"
  echo "- data (bench/fanout.sql): $MEMBERS members, all following the DEV channel; $VOTER_SHARE of them voted on (and follow) one of the 10 suggestions the release ships; $MAIL_SHARE of them want mail immediately"
  echo "- transaction timeout: ${QUARKUS_TRANSACTION_MANAGER_DEFAULT_TRANSACTION_TIMEOUT:-60 s (the Quarkus default, as in production)}"
  echo "- jobs checked every second (production: publisher 1 min, delivery 5 s, mail 30 s); notification batch: 100 events (default)"
  echo "- mail over SMTP to \`bench/smtp-sink.py\` on 127.0.0.1 (accepts and discards; no TLS); watched for at most $MAIL_SECONDS s per run"
  echo "- two processes: both on this machine's two cores with PostgreSQL — contention, not scale-out"
  echo
  echo "| run | app processes | load average while mailing | notifications of the release | audience rows (release + 10 status changes) | publish transaction, s | delivery (all chunks), s | chunks; s per chunk (mean / slowest) | delivery s per 1,000 | bytes per notification row (table + indexes) | bytes per audience row | mails sent (of owed) | mails/s | mail s per 1,000 | CPU ms per 1,000 recipients, publish (app/db) | CPU ms per 1,000 notifications, delivery (app/db) | CPU ms per mail (app/db) | sink received; duplicate notifications |"
  echo "|---:|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|"
  for r in "${ROWS[@]}"; do echo "$r"; done
  echo
  echo "How each figure is taken:"
  echo
  echo "- publish transaction: from the release's \`published_at\` (set at the start of the publishing transaction) until psql sees it published (polled every 0.1 s)."
  echo "- delivery: from the \`query_start\` of the first chunk's notification insert (pg_stat_activity, polled every 0.1 s) to the event's \`delivered_at\` (set by the transaction of the last chunk); the wait for the job's next run is left out. Chunks: ${FANLOOP_NOTIFICATION_CHUNK_SIZE:-10000} audience members each (fanloop.notification.chunk-size), one transaction each; counted from the moves of the event's cursor (\`delivered_up_to\`, polled every 0.1 s) plus the last one; the slowest is the longest time between two moves seen."
  echo "- mails/s: (mails − 1) ÷ (last − first \`mailed_at\`), each set by the mail's own transaction; with two processes, the sum of both."
  echo "- CPU: user + system time (/proc/PID/stat) of the app processes and of the PostgreSQL sessions of the run's database, read when the release was scheduled, seen published, seen delivered, and at the start and end of the mail watch; divided by the thousands of recipients (publish, delivery) or by the mails sent in the watch. Unlike the seconds, these hardly depend on what else the machine runs — the figures to extrapolate from. PostgreSQL's WAL writer and checkpointer are not counted."
  echo
  echo "Details of each run:"
  echo
  echo '```'
  for i in $(seq 1 "$K"); do cat "$WORK/details-$i.txt"; done
  echo '```'
} > "$RESULTS"
cat "$RESULTS"
