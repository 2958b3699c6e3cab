#!/usr/bin/env bash
# A CPU flame graph of the packaged app under one bench scenario, as an SVG any browser opens:
#   bench/profile.sh SCENARIO [LABEL]      # writes bench/profiles/SCENARIO-LABEL.svg (LABEL: the short commit)
#   SKIP_PACKAGE=1 DURATION=60 WARMUP=90 bench/profile.sh board-member before   # the defaults
# SCENARIO: ceiling, signed-in-ceiling, board-member, suggestion-member, vote, board-visitor, home-visitor-nocache,
# board-visitor-nocache, suggestion-visitor-nocache (the same requests as bench/run.sh's rows of those names),
# search-nocache (GET /search?q=相机 as a returning visitor, page cache off: the search engine's own cost).
# api-board-member (the JSON API's board list with a bearer token). insights (/triage/insights for a PM).
#
# How: the app starts on the bench database (bench/env.sh: prod mode, the bench JVM options, bearer tokens for
# members), wrk drives the scenario for WARMUP seconds, then async-profiler (Maven Central's
# tools.profiler:async-profiler, whose jar carries libasyncProfiler.so) is loaded into the running JVM with
# `jcmd JVMTI.agent_load` and samples it in itimer mode (CPU time of every thread, no perf_events needed) for
# DURATION seconds while wrk keeps going. Its collapsed stacks go through flamegraph.pl (Debian ships it in
# libdevel-nytprof-perl) into an interactive SVG (click to zoom, Ctrl-F to search). Next to the SVG, a .txt
# lists the hottest frames (self time) and the conditions.
set -euo pipefail
source "$(dirname "$0")/env.sh"
SCENARIO="${1:?usage: bench/profile.sh SCENARIO [LABEL]}"
LABEL="${2:-$(cd "$ROOT" && git rev-parse --short HEAD)}"
DURATION="${DURATION:-60}"
WARMUP="${WARMUP:-90}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
INTERVAL="${INTERVAL:-2ms}"
AP_VERSION="${AP_VERSION:-4.6}"
WORK="$BENCH_DIR/work"
OUT_DIR="$BENCH_DIR/profiles"
mkdir -p "$WORK" "$OUT_DIR"
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
FLAMEGRAPH=/usr/share/perl5/Devel/NYTProf/flamegraph.pl
[ -f "$FLAMEGRAPH" ] || { echo "flamegraph.pl is missing: apt-get install -y libdevel-nytprof-perl" >&2; exit 1; }

AP_DIR="$WORK/async-profiler-$AP_VERSION"
AP_LIB="$AP_DIR/linux-x64/libasyncProfiler.so"
if [ ! -f "$AP_LIB" ]; then
  echo "fetching async-profiler $AP_VERSION (Maven Central)"
  (cd "$ROOT" && ./mvnw -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION" -DoutputDirectory="$AP_DIR")
  (cd "$AP_DIR" && unzip -o -q "async-profiler-$AP_VERSION.jar" 'linux-x64/*')
fi

COLLAPSED="$WORK/profile-$SCENARIO-$LABEL.collapsed"
WRK_OUT="$WORK/profile-$SCENARIO-$LABEL.wrk.txt"
META="$WORK/profile-$SCENARIO-$LABEL.meta"
# RENDER_ONLY=1: only redo the SVG and the summary from the stacks an earlier run kept in bench/work.
if [ "${RENDER_ONLY:-0}" != 1 ]; then
  if [ "${SKIP_PACKAGE:-0}" != 1 ]; then
    echo "packaging (with the bench-only ceiling page)"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dfanloop.bench.ceiling=true)
    rm -rf "$WORK/app" && cp -r "$ROOT/target/quarkus-app" "$WORK/app"
  fi
  [ -d "$WORK/app" ] && export BENCH_APP_DIR="$WORK/app"
  case "$SCENARIO" in
    *-nocache) export FANLOOP_VISITOR_CACHE_TTL=PT0S ;;
  esac
  # The search catch-up (SearchIndex, at every start until all rows are indexed) would be in the profile too.
  export FANLOOP_SEARCH_REINDEX_AT_START=false
  # Frames between safepoints too, so that inlined methods are attributed where they run.
  export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS} -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
  trap stop_app EXIT
  start_app "$WORK/app-profile.log"
  BASE="http://127.0.0.1:$BENCH_PORT"
  bench_setup "$BASE"

  SCRIPT=() HEADER=()
  case "$SCENARIO" in
    ceiling) URL=/bench/ceiling; HEADER=(-H "$VISITOR") ;;
    signed-in-ceiling)
      URL=/bench/ceiling
      [ "$(curl -s -m 60 -o /dev/null -w '%{http_code}' -H "$MEMBER" "$BASE/bench/ceiling/member")" = 200 ] && URL=/bench/ceiling/member
      HEADER=(-H "$MEMBER") ;;
    board-member) URL="/boards/$BOARD?sort=top"; HEADER=(-H "$MEMBER") ;;
    suggestion-member) URL="/suggestions/$SUGGESTION"; HEADER=(-H "$MEMBER") ;;
    vote) URL=/; SHOWN="POST /suggestions/{id}/vote"; SCRIPT=(-s "$BENCH_DIR/vote.lua") ;;
    board-visitor|board-visitor-nocache) URL="/boards/$BOARD?sort=top"; HEADER=(-H "$VISITOR") ;;
    home-visitor-nocache) URL=/; HEADER=(-H "$VISITOR") ;;
    suggestion-visitor-nocache) URL="/suggestions/$SUGGESTION"; HEADER=(-H "$VISITOR") ;;
    search-nocache) URL="/search?q=%E7%9B%B8%E6%9C%BA"; HEADER=(-H "$VISITOR") ;;
    api-board-member) URL="/api/v1/boards/$BOARD/suggestions?sort=top"; HEADER=(-H "$MEMBER") ;;
    # The insights page (issue 22) for a PM; FANLOOP_INSIGHT_CACHE_TTL=PT0S profiles the uncached figures.
    insights) URL=/triage/insights; HEADER=(-H "Authorization: Bearer $(bench_token bench-pm "Bench PM" pm)") ;;
    *) echo "unknown scenario $SCENARIO" >&2; exit 2 ;;
  esac

  echo "warm-up: $SCENARIO ($URL), ${WARMUP} s"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${SCRIPT[@]}" "${HEADER[@]}" "$BASE$URL" > /dev/null 2>&1 || true
  echo "profiling ${DURATION} s (async-profiler $AP_VERSION, itimer, every $INTERVAL of CPU)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((DURATION + 4))s" --latency "${SCRIPT[@]}" "${HEADER[@]}" "$BASE$URL" > "$WRK_OUT" 2>&1 &
  WRK_PID=$!
  sleep 2
  rm -f "$COLLAPSED"
  # The agent's options go in quotes: jcmd would otherwise read "start,event=…" as its own name=value option.
  jcmd "$APP_PID" JVMTI.agent_load "$AP_LIB" "\"start,event=itimer,interval=$INTERVAL\"" > /dev/null
  sleep "$DURATION"
  jcmd "$APP_PID" JVMTI.agent_load "$AP_LIB" "\"stop,collapsed,file=$COLLAPSED\"" > /dev/null
  wait "$WRK_PID" || true
  stop_app
  # What the rendering step needs, so that RENDER_ONLY=1 can redo the SVG and summary from the kept stacks.
  printf 'URL=%q\nRPS=%q\nWHEN=%q\nLOAD=%q\nCOMMIT=%q\n' "${SHOWN:-$URL}" "$(awk '/^Requests\/sec/ {print $2}' "$WRK_OUT")" "$(date -u '+%Y-%m-%d %H:%M UTC')" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src pom.xml || echo '+changes')" > "$META"
fi
[ -s "$COLLAPSED" ] || { echo "async-profiler wrote no samples; see $WORK/app-profile.log" >&2; exit 1; }

source "$META"
SAMPLES=$(awk '{ n += $NF } END { print n }' "$COLLAPSED")
SVG="$OUT_DIR/$SCENARIO-$LABEL.svg"
perl "$FLAMEGRAPH" --colors java --width 1600 --minwidth 1 \
  --title "Fanloop $SCENARIO ($URL), commit $COMMIT, $WHEN: $SAMPLES CPU samples in ${DURATION} s, $RPS requests/s under the profiler" \
  "$COLLAPSED" > "$SVG"
{
  echo "scenario: $SCENARIO ($URL); commit $COMMIT; $WHEN"
  echo "conditions: bench DB $BENCH_DB, wrk $THREADS threads / $CONNECTIONS connections, ${WARMUP} s warm-up, ${DURATION} s profiled; $RPS requests/s under the profiler; load average $LOAD"
  echo "async-profiler $AP_VERSION itimer every $INTERVAL: $SAMPLES samples"
  echo
  echo "where the time goes (share of all samples whose stack passes through; a stack can count in several):"
  awk 'BEGIN { n = split("Qute rendering|io[./]quarkus[./]qute;Hibernate ORM|org[./]hibernate;JDBC driver and pool|org[./]postgresql|io[./]agroal;sign-in (OIDC, JWT)|io[./]quarkus[./]oidc|org[./]jose4j|io[./]smallrye[./]jwt;JIT compiler|CompileBroker|C2Compiler|Compilation::;GC|GenCollectedHeap|SerialHeap|VM_GenCollect|GCTaskThread", c, ";")
               for (i = 1; i <= n; i++) { split(c[i], p, "|"); name[i] = p[1]; sub(/^[^|]*\|/, "", c[i]); re[i] = c[i] } }
       { total += $NF; for (i = 1; i <= n; i++) if ($0 ~ re[i]) inc[i] += $NF }
       END { for (i = 1; i <= n; i++) printf "%6.1f%%  %s\n", 100 * inc[i] / total, name[i] }' "$COLLAPSED"
  echo
  echo "the app's own methods (share of all samples whose stack passes through):"
  awk '{ n = $NF; total += n; sub(/ [0-9]+$/, ""); k = split($0, f, ";"); delete seen
         for (i = 1; i <= k; i++) if (f[i] ~ /^app[./]fanloop/ && f[i] !~ /_Subclass|_ClientProxy|_Bean|\$\$|\$quarkusrestinvoker\$|\$GeneratedServerRequestFilter\$|lambda\$install/ && !(f[i] in seen)) { seen[f[i]] = 1; inc[f[i]] += n } }
       END { for (m in inc) printf "%6.1f%%  %s\n", 100 * inc[m] / total, m }' "$COLLAPSED" | sort -rn | awk 'NR <= 12'
  echo
  echo "hottest frames (self time, share of all samples):"
  awk '{ n = $NF; total += n; sub(/ [0-9]+$/, ""); k = split($0, f, ";"); self[f[k]] += n }
       END { for (s in self) printf "%6.1f%%  %s\n", 100 * self[s] / total, s }' "$COLLAPSED" | sort -rn | awk 'NR <= 15'
} > "$OUT_DIR/$SCENARIO-$LABEL.txt"
cat "$OUT_DIR/$SCENARIO-$LABEL.txt"
echo "flame graph: $SVG ($(du -h "$SVG" | cut -f1))"
