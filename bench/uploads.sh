#!/usr/bin/env bash
# Issue 17's bounded-memory line: 8 clients upload 20 files of ~10 MB each, all at once, as multipart bug reports
# (POST /boards/{slug}/suggestions), to the packaged app started with a small fixed heap; the heap is sampled
# all along. Writes bench/uploads-RESULTS.md.
#   bench/uploads.sh                  # -Xmx256m, 8 clients, 20 files each (15 pictures, 5 logs), 2 posts per client
#   HEAP=128m bench/uploads.sh        # the heap bench/run.sh gives the app
#   SKIP_PACKAGE=1 bench/uploads.sh   # reuse target/quarkus-app
#   PICTURES=photo bench/uploads.sh   # 4000×3000 JPEGs of ~9.4 MB (bench/UploadPhotos.java) instead of noise PNGs
#   RESULTS=/tmp/x.md bench/uploads.sh  # write the table elsewhere (default bench/uploads-RESULTS.md)
# Every client's two posts are sent at the same time, so all 160 files (~1.6 GB) are in flight together.
# Its own database (fanloop_uploadbench, dropped and made again by each run), ports 18197/18198, 127.0.0.1 only.
set -euo pipefail
export BENCH_DB="${BENCH_DB:-fanloop_uploadbench}"
export BENCH_PORT="${BENCH_PORT:-18197}" BENCH_MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-18198}"
source "$(dirname "$0")/env.sh"
HEAP="${HEAP:-256m}"
CLIENTS="${CLIENTS:-8}"
PICTURES="${PICTURES:-noise}"
RESULTS="${RESULTS:-$BENCH_DIR/uploads-RESULTS.md}"
WORK="$BENCH_DIR/work/uploads"
FILES="${UPLOAD_FILES_DIR:-${TMPDIR:-/tmp}/fanloop-bench-upload-files}"
mkdir -p "$WORK"
rm -f "$WORK"/status-* "$WORK"/gc.log "$WORK"/jstat.txt "$WORK"/metrics.txt

# The files: 15 different noise pictures (2100×1600 RGB PNG, 10.08 MB: under the 10 MiB image limit) and
# 5 logs of 10,000,000 bytes, made once and kept.
python3 "$BENCH_DIR/upload-files.py" "$FILES" 15 5
# PICTURES=photo: four 4000×3000 JPEGs (a phone camera's 12 megapixels) of ~9.4 MB, each sent 30 times.
if [ "$PICTURES" = photo ]; then
  for i in 0 1 2 3; do
    [ -f "$FILES/photo-$i.jpg" ] || java "$BENCH_DIR/UploadPhotos.java" "$FILES/photo-$i.jpg" 4000 3000 150 $((i + 10))
  done
fi

if [ "${SKIP_PACKAGE:-0}" != 1 ]; then
  echo "packaging"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
rm -rf "$WORK/app" && cp -r "$ROOT/target/quarkus-app" "$WORK/app"
export BENCH_APP_DIR="$WORK/app"

# A fresh database each run; the app runs the migrations.
psql -d postgres -qc "drop database if exists $BENCH_DB" 2> /dev/null
psql -d postgres -qc "create database $BENCH_DB"
# Raised for this run only: eight members who joined a minute ago post 160 files in two minutes.
export FANLOOP_ATTACHMENTS_QUOTA_DAILY_FILES=1000000 FANLOOP_ATTACHMENTS_QUOTA_NEW_MEMBER_DAILY_FILES=1000000
export FANLOOP_ATTACHMENTS_QUOTA_DAILY_BYTES=1000G FANLOOP_ATTACHMENTS_QUOTA_NEW_MEMBER_DAILY_BYTES=1000G
export FANLOOP_RATE_LIMIT_ACTIONS_POST_COUNT=1000000000 FANLOOP_RATE_LIMIT_ACTIONS_POST_NEW_MEMBER_COUNT=1000000000
# The heap under test, fixed; everything else as bench/run.sh starts the app. An OutOfMemoryError ends the process.
export BENCH_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+ExitOnOutOfMemoryError -Xlog:gc:file=$WORK/gc.log"

JSTAT_PID= METRICS_PID=
cleanup() {
  [ -n "$JSTAT_PID" ] && kill "$JSTAT_PID" 2>/dev/null || true
  [ -n "$METRICS_PID" ] && kill "$METRICS_PID" 2>/dev/null || true
  stop_app
}
trap cleanup EXIT
start_app "$WORK/app.log"
echo "app ready in $APP_READY_SECONDS s (pid $APP_PID, heap $HEAP)"
q() { psql -d "$BENCH_DB" -tAc "$1"; }
q "insert into board (slug, name, name_en, description) values ('uploads', '上传', 'Uploads', 'bench/uploads.sh')" > /dev/null
BASE="http://127.0.0.1:$BENCH_PORT"

# The members (a first request creates each) and a visitor's CSRF cookie and token (bench_visitor_cookie).
for i in $(seq 1 "$CLIENTS"); do
  bench_token "bench-uploader-$i" "Bench uploader $i" > "$WORK/token-$i"
  curl -s -m 60 -o /dev/null -H "Authorization: Bearer $(cat "$WORK/token-$i")" "$BASE/me"
done
bench_visitor_cookie "$BASE"
[ -n "$BENCH_CSRF_COOKIE" ] && [ -n "$BENCH_CSRF_TOKEN" ] || { echo "no CSRF cookie or token from GET /" >&2; exit 1; }

# The heap: the JVM's own counters every 200 ms (jstat: eden, survivors, old generation, in KB) and the app's
# metric (jvm_memory_used_bytes, area heap) every second; -Xlog:gc above records the heap after every collection.
jstat -gc -t "$APP_PID" 200 > "$WORK/jstat.txt" 2>/dev/null &
JSTAT_PID=$!
( while kill -0 "$APP_PID" 2>/dev/null; do
    curl -s -m 5 "http://127.0.0.1:$BENCH_MANAGEMENT_PORT/q/metrics" \
      | awk -v t="$(date +%s.%N)" '/^jvm_memory_used_bytes\{.*area="heap"/ { s += $NF } END { if (s) printf "%s %d\n", t, s }'
    sleep 1
  done ) > "$WORK/metrics.txt" &
METRICS_PID=$!

# post CLIENT POST PICTURES LOGS: one bug report with PICTURES pictures and LOGS logs (the post's limits: 9 and 3).
post() {
  local client=$1 n=$2 pictures=$3 logs=$4 args=() k
  for k in $(seq 0 $((pictures - 1))); do
    if [ "$PICTURES" = photo ]; then args+=(-F "file=@$FILES/photo-$(( (k + n * 9 + client) % 4 )).jpg;type=image/jpeg")
    else args+=(-F "file=@$FILES/noise-$(( (k + n * 9 + client) % 15 )).png;type=image/png"); fi
  done
  for k in $(seq 0 $((logs - 1))); do args+=(-F "file=@$FILES/device-$(( (k + n * 3 + client) % 5 )).log;type=text/plain"); done
  curl -s -m 600 -o "$WORK/body-$client-$n.html" -w '%{http_code} %{size_upload} %{time_total}\n' \
    -H "Authorization: Bearer $(cat "$WORK/token-$client")" -H "Cookie: fanloop-csrf=$BENCH_CSRF_COOKIE" \
    -F "csrf-token=$BENCH_CSRF_TOKEN" -F kind=BUG -F "title=Bench upload $client.$n" \
    -F "body=Twenty files from client $client" -F "deviceModel=Xiaomi 14" -F "systemVersion=HyperOS 2.0.105" \
    -F frequency=ALWAYS -F "steps=bench/uploads.sh" "${args[@]}" \
    "$BASE/boards/uploads/suggestions" > "$WORK/status-$client-$n" 2>&1 || echo "curl-failed" >> "$WORK/status-$client-$n"
}
# The live set before: a full collection now (its line in gc.log).
live_now() { jcmd "$APP_PID" GC.run > /dev/null; sleep 0.5; grep 'Pause Full (Diagnostic Command)' "$WORK/gc.log" | tail -1 | grep -o '[0-9]*M->[0-9]*M' | sed 's/.*->//; s/M//' || true; }
LIVE_BEFORE=$(live_now)
START=$(date +%s.%N)
echo "uploading: $CLIENTS clients × 20 files, all at once"
pids=()
for c in $(seq 1 "$CLIENTS"); do
  post "$c" 0 9 3 & pids+=($!)
  post "$c" 1 6 2 & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || true; done
WALL=$(awk -v a="$START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
sleep 1
SURVIVED=no; kill -0 "$APP_PID" 2>/dev/null && SURVIVED=yes
kill "$JSTAT_PID" "$METRICS_PID" 2>/dev/null || true; JSTAT_PID= METRICS_PID=
LIVE_AFTER=; [ "$SURVIVED" = yes ] && LIVE_AFTER=$(live_now)

# Statuses, bytes sent, slowest request: one file per request, "CODE BYTES SECONDS", and "curl-failed" when the
# connection broke (curl then says 100: the interim Continue was the last status it saw).
status_of() { if grep -q curl-failed "$1"; then echo failed; else awk 'NR == 1 {print $1}' "$1"; fi; }
STATUSES=$(for f in "$WORK"/status-*; do status_of "$f"; done | sort | uniq -c | awk '{printf "%s%s × %s", sep, $1, $2; sep=", "}')
SENT=$(awk '$1 ~ /^[0-9]+$/ { s += $2 } END { printf "%d", s }' "$WORK"/status-*)
SLOWEST=$(awk '$1 ~ /^[0-9]+$/ { if ($3 > m) m = $3 } END { printf "%.1f", m }' "$WORK"/status-*)
REQUESTS=$(ls "$WORK"/status-* | wc -l)
OK=$(for f in "$WORK"/status-*; do status_of "$f"; done | grep -c '^303$' || true)
# The heap: the largest sample of used (eden+survivors+old; it includes garbage not yet collected, so it nears
# the heap's size by design), and what every collection left (the live set plus what the next one would free).
mb() { awk '{ printf "%.0f", $1 / 1024 }'; }
MAX_USED_KB=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { u = $4 + $5 + $7 + $9; if (u > m) m = u } END { printf "%d", m }' "$WORK/jstat.txt")
MAX_OLD_KB=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { if ($9 > m) m = $9 } END { printf "%d", m }' "$WORK/jstat.txt")
CAPACITY_KB=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { c = $2 + $3 + $6 + $8 } END { printf "%d", c }' "$WORK/jstat.txt")
SAMPLES=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/' "$WORK/jstat.txt" | wc -l)
METRIC_MAX=$(awk '{ if ($2 > m) m = $2 } END { printf "%.0f", m / 1048576 }' "$WORK/metrics.txt")
# "[12.345s][info][gc] GC(7) Pause Full (Allocation Failure) 204M->57M(247M) 386.865ms": what a full collection
# leaves is the live set at that moment (a young one leaves the old generation's garbage, so it says less).
# Only the collections during the uploads (after the jcmd GC.run that measured the live set before).
during() { awk '/Pause Full \(Diagnostic Command\)/ { n++; next } n == 1' "$WORK/gc.log"; }
GC_FULL_AFTER_MAX=$(during | grep 'Pause Full' | grep -o '[0-9]*M->[0-9]*M' | sed 's/.*->//; s/M//' | sort -n | tail -1 || true)
GC_FULL_AFTER_MIN=$(during | grep 'Pause Full' | grep -o '[0-9]*M->[0-9]*M' | sed 's/.*->//; s/M//' | sort -n | head -1 || true)
GC_YOUNG=$(during | grep -c 'Pause Young' || true)
GC_FULL=$(during | grep -c 'Pause Full' || true)
GC_PAUSE_MAX=$(during | grep -o '[0-9.]*ms$' | sed 's/ms//' | sort -n | tail -1 || true)
OOM=$(grep -c 'OutOfMemoryError' "$WORK/app.log" || true)

# What the database holds: the bench members' attachments, and each blob's chunks adding up to its size.
DB=$(q "select count(*) filter (where kind = 'IMAGE') || ' pictures, ' || count(*) filter (where kind = 'LOG') || ' logs, '
          || round(coalesce(sum(byte_size), 0) / 1e6) || ' MB stored (' || count(suggestion_id) || ' attached to a post)'
        from attachment")
POSTS=$(q "select count(*) from suggestion where board_id = (select id from board where slug = 'uploads')")
LOGS_BYTES=$(q "select coalesce(sum(byte_size), 0) from attachment where kind = 'LOG'")
MISMATCH=$(q "select count(*) from attachment a where a.byte_size <> (select coalesce(sum(octet_length(c.bytes)), 0)
              from blob_chunk c where c.blob_key = a.blob_key)")
CHUNKS=$(q "select count(*) from blob_chunk")
EXPECTED_PICTURES=$((CLIENTS * 15)) EXPECTED_LOGS=$((CLIENTS * 5))

{
  echo "# Uploads with bounded memory (issue 17) — bench/uploads.sh"
  echo
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(cd "$ROOT" && git rev-parse --short HEAD), $(nproc) cores, load before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "$CLIENTS clients (members, bearer tokens) each send 20 files as two multipart bug reports at the same time"
  echo "(9 pictures + 3 logs, 6 pictures + 2 logs): $REQUESTS requests, all in flight together."
  if [ "$PICTURES" = photo ]; then
    echo "Pictures: 4000×3000 JPEGs of ~9.4 MB (a 12-megapixel photo with grain, bench/UploadPhotos.java); logs: 10,000,000 bytes of text."
  else
    echo "Pictures: 2100×1600 RGB noise PNGs of 10.08 MB (random pixels: nothing compresses them); logs: 10,000,000 bytes of text."
  fi
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| JVM | \`$BENCH_JAVA_OPTS\` (heap capacity seen by jstat: $(echo "$CAPACITY_KB" | mb) MB) |"
  echo "| app survived | **$SURVIVED** (OutOfMemoryError in its log: $OOM) |"
  echo "| responses | $STATUSES ($OK of $REQUESTS are 303, the post's redirect) |"
  echo "| bytes sent | $(awk -v s="$SENT" 'BEGIN { printf "%.0f MB", s / 1e6 }') in $WALL s (slowest request $SLOWEST s) |"
  echo "| heap used, max of $SAMPLES samples every 200 ms (jstat; includes garbage not yet collected) | **$(echo "$MAX_USED_KB" | mb) MB** of $HEAP |"
  echo "| live set: what a full collection left during the uploads (-Xlog:gc) | **${GC_FULL_AFTER_MIN:-?}–${GC_FULL_AFTER_MAX:-?} MB** ($GC_FULL full, $GC_YOUNG young collections; longest pause ${GC_PAUSE_MAX:-?} ms) |"
  echo "| live set before the uploads / after them (jcmd GC.run) | $LIVE_BEFORE MB / ${LIVE_AFTER:-?} MB |"
  echo "| old generation, max (jstat) | $(echo "$MAX_OLD_KB" | mb) MB |"
  echo "| jvm_memory_used_bytes{area=heap}, max (/q/metrics, every second) | ${METRIC_MAX:-?} MB |"
  echo "| database | $DB; posts: $POSTS; expected $EXPECTED_PICTURES pictures, $EXPECTED_LOGS logs |"
  echo "| logs stored byte for byte | $LOGS_BYTES bytes (expected $((EXPECTED_LOGS * 10000000))) |"
  echo "| blobs whose chunks do not add up to their size | $MISMATCH (of $CHUNKS chunks of 256 KiB) |"
  echo
} > "$RESULTS"
cat "$RESULTS"
[ "$SURVIVED" = yes ] && [ "$OK" = "$REQUESTS" ]
