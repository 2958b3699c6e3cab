#!/usr/bin/env bash
# Rendering cost without the visitor cache: starts a packaged app against a bench database with the visitor
# cache off, and for each public page runs wrk (32 connections, then 1 connection) as a returning visitor
# (with the CSRF cookie, as bench/run.sh does), optionally under async-profiler.
#   ASYNC_PROFILER_LIB=/path/linux-x64/libasyncProfiler.so BENCH_DB=fanloop_bench_x BENCH_PORT=18140 \
#     BENCH_MANAGEMENT_PORT=18141 bench/render-profile.sh target/quarkus-app /tmp/out
# async-profiler 4.x: the jar tools.profiler:async-profiler on Maven Central holds linux-x64/libasyncProfiler.so.
# Writes OUT/<page>.html (the page as served), <page>.c32.txt and <page>.c1.txt (wrk), and with the profiler
# <page>.flame.html (flame graph) and <page>.collapsed (collapsed stacks).
set -uo pipefail
APPDIR=$(cd "$1" && pwd); OUT=$2
source "$(dirname "$0")/env.sh"
# The visitor cache off (fanloop.visitor-cache.ttl); no search catch-up competing for the CPU.
export FANLOOP_VISITOR_CACHE_TTL=PT0S FANLOOP_SEARCH_REINDEX_AT_START=false
export BENCH_APP_DIR=$APPDIR
mkdir -p "$OUT"
LIB=${ASYNC_PROFILER_LIB:-}
WARM=${WARM:-20}; DUR=${DUR:-15}; C1=${C1:-8}
trap stop_app EXIT
start_app "$OUT/app.log" || exit 1
BASE=http://127.0.0.1:$BENCH_PORT
q() { psql -d "$BENCH_DB" -tAc "$1"; }
FIRST=$(q "select min(id) from suggestion"); BOARD=$(q "select slug from board order by position limit 1")
curl -s -c "$OUT/cookies" "$BASE/" -o /dev/null
H="Cookie: fanloop-csrf=$(awk '$6 == "fanloop-csrf" {print $7}' "$OUT/cookies")"
declare -A P=([home]="/" [board]="/boards/$BOARD?sort=top" [suggestion]="/suggestions/$FIRST" [ceiling]="/bench/ceiling")
# jcmd's argument parser splits on '=', so the agent's options go in quotes.
agent() { jcmd "$APP_PID" JVMTI.agent_load "$LIB" "\"$1\"" > /dev/null; }
for name in ${PAGES:-ceiling home board suggestion}; do
  path=${P[$name]}
  curl -s -H "$H" "$BASE$path" -o "$OUT/$name.html"
  wrk -t2 -c32 -d"${WARM}s" -H "$H" "$BASE$path" > /dev/null 2>&1
  [ -n "$LIB" ] && agent "start,event=itimer,interval=1ms"
  wrk -t2 -c32 -d"${DUR}s" --latency -H "$H" "$BASE$path" > "$OUT/$name.c32.txt" 2>&1
  if [ -n "$LIB" ]; then
    agent "dump,collapsed,file=$OUT/$name.collapsed"
    agent "stop,file=$OUT/$name.flame.html"
  fi
  wrk -t1 -c1 -d"${C1}s" --latency -H "$H" "$BASE$path" > "$OUT/$name.c1.txt" 2>&1
  echo "$name: c32 $(awk '/^Requests\/sec/ {print $2}' "$OUT/$name.c32.txt")/s p99 $(awk '$1 == "99%" {print $2}' "$OUT/$name.c32.txt"); c1 $(awk '/^Requests\/sec/ {print $2}' "$OUT/$name.c1.txt")/s p50 $(awk '$1 == "50%" {print $2}' "$OUT/$name.c1.txt")"
done
