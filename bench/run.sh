#!/usr/bin/env bash
# Packages the app, starts it in prod mode against the benchmark database (bench/generate.sh), drives
# it with wrk on 127.0.0.1 and writes bench/RESULTS.md.
#   bench/run.sh                       # 20 s per scenario after a 30 s warm-up, 32 connections
#   DURATION=10 CONNECTIONS=32 bench/run.sh
#   SCENARIOS="ceiling,signed-in-ceiling,board-member" bench/run.sh     # a subset (names below); default: all
#   SCENARIOS=ceiling,signed-in-ceiling,insights,insights-nocache \
#     RESULTS_FILE=bench/INSIGHTS-RESULTS.md bench/run.sh                # the insights page (issue 22)
#
# Scenarios, in the order they run:
#   on the app as configured for production (visitor cache on), bearer tokens for members:
#     ceiling, signed-in-ceiling, home, board-trending, board-top, board-new, suggestion,
#     board-member, suggestion-member, api-board, api-board-member, search, vote
#     insights (/triage/insights, issue 22, three rows: the default range, 90 days by week, one board; a PM with a
#       bearer token, role pm; the figures cache on, as in production)
#   on a start of the app with the insights figures cache off (FANLOOP_INSIGHT_CACHE_TTL=PT0S), CONNECTIONS_NOCACHE
#   connections (default 8): insights-nocache (the same three rows)
#   on a second start of the app with the visitor cache off (FANLOOP_VISITOR_CACHE_TTL=PT0S) and production's
#   hybrid sign-in, a stand-in provider (bench/fake-oidc.py) giving a browser member a real session cookie:
#     session-ceiling, home-visitor-nocache, board-visitor-nocache, suggestion-visitor-nocache
#   after both apps are stopped:
#     first-start    bench/first-start.sh if it exists, else the plain start-to-ready time of the app
# RSS: the app's resident memory is sampled every second while it runs; RESULTS.md reports the maximum.
set -euo pipefail
source "$(dirname "$0")/env.sh"
DURATION="${DURATION:-20}"
# A long warm-up: the JIT and Hibernate's query interpretation cache must be warm before measuring.
WARMUP="${WARMUP:-30}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
SCENARIOS="${SCENARIOS:-all}"
# Where the table goes: RESULTS_FILE=bench/INSIGHTS-RESULTS.md for the insights rows (issue 22).
RESULTS_FILE="${RESULTS_FILE:-$BENCH_DIR/RESULTS.md}"
case "$RESULTS_FILE" in /*) ;; *) RESULTS_FILE="$(pwd)/$RESULTS_FILE" ;; esac
# The signed-in ceiling: a trivial page for a signed-in member. /bench/ceiling/member (the viewer's name and
# bell) where the build has it, else the anonymous ceiling page requested with the member's credentials.
SIGNED_IN_CEILING_PATH="${SIGNED_IN_CEILING_PATH:-}"
FAKE_OIDC_PORT="${FAKE_OIDC_PORT:-$((BENCH_PORT + 2))}"
WORK="$BENCH_DIR/work"
mkdir -p "$WORK"
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
want() { [ "$SCENARIOS" = all ] || [[ ",$SCENARIOS," == *",$1,"* ]]; }

if [ "${SKIP_PACKAGE:-0}" != 1 ]; then
  echo "packaging (with the bench-only ceiling page)"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dfanloop.bench.ceiling=true)
  # Run from a copy, so that a build in the working tree during the run cannot pull jars from under it.
  rm -rf "$WORK/app" && cp -r "$ROOT/target/quarkus-app" "$WORK/app"
fi
[ -d "$WORK/app" ] && export BENCH_APP_DIR="$WORK/app"

RSS_SAMPLER=
FAKE_OIDC_PID=
cleanup() {
  stop_app
  [ -n "$RSS_SAMPLER" ] && kill "$RSS_SAMPLER" 2>/dev/null || true
  [ -n "$FAKE_OIDC_PID" ] && kill "$FAKE_OIDC_PID" 2>/dev/null || true
}
trap cleanup EXIT
# sample_rss FILE: the running app's RSS in kB, once a second, until it stops.
sample_rss() {
  : > "$1"
  ( while kill -0 "$APP_PID" 2>/dev/null; do ps -o rss= -p "$APP_PID" >> "$1" 2>/dev/null || true; sleep 1; done ) &
  RSS_SAMPLER=$!
}
max_mb() { sort -n "$1" | tail -1 | awk '{ printf "%d", $1 / 1024 }'; }

BASE="http://127.0.0.1:$BENCH_PORT"
q() { psql -d "$BENCH_DB" -tAc "$1"; }

# run NAME PATH [script] [header]: prints "rps|p50|p99|errors"
run() {
  local out="$WORK/wrk-$(echo "$1" | tr -c 'a-z0-9' '_').txt" args=()
  [ -n "${3:-}" ] && args=(-s "$3")
  [ -n "${4:-}" ] && args+=(-H "$4")
  wrk -t"$THREADS" -c"${RUN_CONNECTIONS:-$CONNECTIONS}" -d"${WARMUP}s" "${args[@]}" "$BASE$2" > /dev/null 2>&1 || true
  wrk -t"$THREADS" -c"${RUN_CONNECTIONS:-$CONNECTIONS}" -d"${DURATION}s" --latency "${args[@]}" "$BASE$2" > "$out" 2>&1
  wrk_summary "$out"
}

# Rows of the table: NAMES/PATHS/RESULTS, and KINDS ("visitor" or "member": whom the signed-in ceiling compares).
declare -a NAMES=() PATHS=() RESULTS=() KINDS=()
# measure ID NAME PATH HEADER KIND [script]: one scenario, if selected.
measure() {
  want "$1" || return 0
  echo "wrk: $2 ($3)"
  local r
  r=$(run "$2" "$3" "${6:-}" "$4")
  echo "  $r"
  NAMES+=("$2"); PATHS+=("$3"); RESULTS+=("$r"); KINDS+=("$5")
}
CEILING=
SIGNED_IN_CEILING=

# ---------------------------------------------------------------- the app as in production (visitor cache on)
MAIN_SCENARIOS="ceiling signed-in-ceiling home board-trending board-top board-new suggestion board-member suggestion-member api-board api-board-member search vote insights"
INSIGHTS_NOCACHE_SCENARIOS="insights-nocache"
# The insights page (issue 22): a PM signed in with a bearer token; the default range (8 weeks to today, by week), 90
# days by week, and the default range of one board. insights_paths sets STAFF, INSIGHTS_90D and INSIGHTS_BOARD.
insights_paths() {
  STAFF="Authorization: Bearer $(bench_token bench-pm "Bench PM" pm)"
  curl -s -m 120 -o /dev/null -H "$STAFF" "$BASE/me" || true
  local today
  today=$(q "select (now() at time zone 'Asia/Shanghai')::date")
  INSIGHTS_90D="/triage/insights?from=$(date -d "$today - 89 days" +%F)&to=$today&by=week"
  INSIGHTS_BOARD="/triage/insights?board=$(q "select id from board order by position limit 1")"
}
SECOND_SCENARIOS="session-ceiling home-visitor-nocache board-visitor-nocache suggestion-visitor-nocache"
any() { local s; for s in $1; do want "$s" && return 0; done; return 1; }
MAIN_RSS_MB= MAIN_RSS_END_MB= SECOND_RSS_MB= VOTE= MISMATCH= VOTES_BEFORE= SEARCH_STATUS= MAIN_READY=
if any "$MAIN_SCENARIOS"; then
  start_app "$WORK/app.log"
  MAIN_READY="$APP_READY_SECONDS"
  sample_rss "$WORK/rss-main.txt"
  bench_setup "$BASE"
  echo "board $BOARD, suggestion $SUGGESTION ($(q "select comment_count from suggestion where id = $SUGGESTION") comments)"
  VOTES_BEFORE=$(q "select count(*) from vote")
  if [ -z "$SIGNED_IN_CEILING_PATH" ]; then
    SIGNED_IN_CEILING_PATH=/bench/ceiling
    [ "$(curl -s -m 60 -o /dev/null -w '%{http_code}' -H "$MEMBER" "$BASE/bench/ceiling/member")" = 200 ] \
      && SIGNED_IN_CEILING_PATH=/bench/ceiling/member
  fi

  # Visitors are returning readers with the CSRF cookie their first page set (a browser keeps it), so
  # they get the visitor page cache (web/VisitorPageCache); the "signed in" rows show the uncached cost.
  measure ceiling "ceiling (trivial Qute page)" "/bench/ceiling" "$VISITOR" visitor
  measure signed-in-ceiling "signed-in ceiling (bearer token)" "$SIGNED_IN_CEILING_PATH" "$MEMBER" member
  measure home "home" "/" "$VISITOR" visitor
  measure board-trending "board, trending" "/boards/$BOARD?sort=trending" "$VISITOR" visitor
  measure board-top "board, top" "/boards/$BOARD?sort=top" "$VISITOR" visitor
  measure board-new "board, new" "/boards/$BOARD?sort=new" "$VISITOR" visitor
  measure suggestion "suggestion, 50 comments" "/suggestions/$SUGGESTION" "$VISITOR" visitor
  measure board-member "board, top, signed in (members' shared copy, own parts filled in)" "/boards/$BOARD?sort=top" "$MEMBER" member
  measure suggestion-member "suggestion, 50 comments, signed in (members' shared copy, own parts filled in)" "/suggestions/$SUGGESTION" "$MEMBER" member
  # The JSON API's list of the same board (no page cache: every call runs the keyset query and writes JSON).
  measure api-board "API: board, top (JSON, 20 rows, visitor)" "/api/v1/boards/$BOARD/suggestions?sort=top" "$VISITOR" visitor
  measure api-board-member "API: board, top (JSON, 20 rows, bearer token, own votes)" "/api/v1/boards/$BOARD/suggestions?sort=top" "$MEMBER" member
  if want search; then
    SEARCH_STATUS=$(curl -s -m 120 -o /dev/null -w '%{http_code}' "$BASE/search?q=%E7%9B%B8%E6%9C%BA")
    if [ "$SEARCH_STATUS" = 200 ]; then measure search "search (相机)" "/search?q=%E7%9B%B8%E6%9C%BA" "$VISITOR" visitor; fi
  fi
  if want insights; then
    insights_paths
    measure insights "insights (staff, default range: 8 weeks by week)" "/triage/insights" "$STAFF" member
    measure insights "insights (staff, 90 days by week)" "$INSIGHTS_90D" "$STAFF" member
    measure insights "insights (staff, default range, one board)" "$INSIGHTS_BOARD" "$STAFF" member
  fi
  if want vote; then
    echo "wrk: vote toggle"
    VOTE=$(run "vote toggle" "/" "$BENCH_DIR/vote.lua")
    echo "  $VOTE"
    # Exact counts: every counter equals its rows, for all suggestions the toggles touched.
    MISMATCH=$(q "select count(*) from suggestion s where s.id between $BENCH_VOTE_FIRST and $((BENCH_VOTE_FIRST + BENCH_VOTE_SPAN - 1))
      and s.vote_count <> (select count(distinct member_id) from vote v where v.suggestion_id = s.id)")
    NAMES+=("vote toggle (signed in, htmx)"); PATHS+=("POST /suggestions/{id}/vote"); KINDS+=(member)
    RESULTS+=("$VOTE; counts exact: $([ "$MISMATCH" = 0 ] && echo yes || echo "**no: $MISMATCH suggestions differ**")")
  fi
  MAIN_RSS_END_MB=$(($(ps -o rss= -p "$APP_PID" | tr -d ' ') / 1024))
  stop_app
  MAIN_RSS_MB=$(max_mb "$WORK/rss-main.txt")
fi
for i in "${!NAMES[@]}"; do
  case "${NAMES[$i]}" in
    "ceiling (trivial Qute page)") CEILING=$(echo "${RESULTS[$i]}" | cut -d'|' -f1) ;;
    "signed-in ceiling (bearer token)") SIGNED_IN_CEILING=$(echo "${RESULTS[$i]}" | cut -d'|' -f1) ;;
  esac
done

# ---------------------------------------------------------------- insights with the figures cache off (uncached cost)
if any "$INSIGHTS_NOCACHE_SCENARIOS"; then
  export FANLOOP_INSIGHT_CACHE_TTL=PT0S
  start_app "$WORK/app-insights-nocache.log"
  insights_paths
  RUN_CONNECTIONS="${CONNECTIONS_NOCACHE:-8}"
  measure insights-nocache "insights, figures cache off (staff, default range, ${RUN_CONNECTIONS} connections)" "/triage/insights" "$STAFF" member
  measure insights-nocache "insights, figures cache off (staff, 90 days by week, ${RUN_CONNECTIONS} connections)" "$INSIGHTS_90D" "$STAFF" member
  measure insights-nocache "insights, figures cache off (staff, default range, one board, ${RUN_CONNECTIONS} connections)" "$INSIGHTS_BOARD" "$STAFF" member
  unset RUN_CONNECTIONS FANLOOP_INSIGHT_CACHE_TTL
  stop_app
fi

# ---------------------------------------------------------------- second start: visitor cache off, session sign-in
SESSION_NOTE=
if any "$SECOND_SCENARIOS"; then
  bench_jwks > "$WORK/jwks.json"
  bench_token "bench-browser-1" "Bench browser 1" > "$WORK/id-token"
  python3 "$BENCH_DIR/fake-oidc.py" "$FAKE_OIDC_PORT" "$WORK/jwks.json" "$WORK/id-token" &
  FAKE_OIDC_PID=$!
  use_session_sign_in "$FAKE_OIDC_PORT"
  export FANLOOP_VISITOR_CACHE_TTL=PT0S
  start_app "$WORK/app-nocache.log"
  sample_rss "$WORK/rss-second.txt"
  [ -n "${FIRST:-}" ] || { FIRST=$(q "select min(id) from suggestion"); BOARD=$(q "select slug from board order by position limit 1"); SUGGESTION="$FIRST"; }
  bench_visitor_cookie "$BASE"
  # A browser member signs in: /login → the provider → back with a code → the app sets its session cookies.
  rm -f "$WORK/session-cookies"
  curl -s -m 120 -L -c "$WORK/session-cookies" -b "$WORK/session-cookies" -o /dev/null "$BASE/login?to=/"
  SESSION="Cookie: $(awk '$6 ~ /^q_session/ {printf "%s=%s; ", $6, $7}' "$WORK/session-cookies")fanloop-csrf=$BENCH_CSRF_COOKIE"
  [ -n "$SIGNED_IN_CEILING_PATH" ] || SIGNED_IN_CEILING_PATH=/bench/ceiling
  if [ "$SIGNED_IN_CEILING_PATH" = /bench/ceiling ] && \
     [ "$(curl -s -m 60 -o /dev/null -w '%{http_code}' -H "$SESSION" "$BASE/bench/ceiling/member")" = 200 ]; then
    SIGNED_IN_CEILING_PATH=/bench/ceiling/member
  fi
  # The session must really sign the member in: /me answers 200 only to a member.
  ME_STATUS=$(curl -s -m 60 -o /dev/null -w '%{http_code}' -H "$SESSION" "$BASE/me")
  if [ "$ME_STATUS" = 200 ]; then
    measure session-ceiling "signed-in ceiling (session cookie)" "$SIGNED_IN_CEILING_PATH" "$SESSION" member
  elif want session-ceiling; then
    SESSION_NOTE="| signed-in ceiling (session cookie) | \`$SIGNED_IN_CEILING_PATH\` | not measured: the stand-in provider's sign-in gave no session (GET /me answered $ME_STATUS; see bench/work/app-nocache.log) | | | | | |"
  fi
  measure home-visitor-nocache "home, visitor cache off" "/" "$VISITOR" visitor
  measure board-visitor-nocache "board, top, visitor cache off" "/boards/$BOARD?sort=top" "$VISITOR" visitor
  measure suggestion-visitor-nocache "suggestion, 50 comments, visitor cache off" "/suggestions/$SUGGESTION" "$VISITOR" visitor
  stop_app
  kill "$FAKE_OIDC_PID" 2>/dev/null || true
  use_bearer_sign_in
  unset FANLOOP_VISITOR_CACHE_TTL
  SECOND_RSS_MB=$(max_mb "$WORK/rss-second.txt")
fi

# ---------------------------------------------------------------- first start
FIRST_START_ROW=
if want first-start; then
  if [ -f "$BENCH_DIR/first-start.sh" ]; then
    echo "first start: bench/first-start.sh"
    bash "$BENCH_DIR/first-start.sh" > "$WORK/first-start.txt" 2>&1 || echo "bench/first-start.sh failed; see bench/work/first-start.txt" >&2
    IFS='|' read -r tag ready backfill <<< "$(grep '^first-start|' "$WORK/first-start.txt" | tail -1)"
    if [ "${tag:-}" = first-start ]; then
      FIRST_START_ROW="| first start on a 10M-vote database (\`bench/first-start.sh\`) | | ready in **$ready s**; backfill $backfill s | | | | | |"
    else
      FIRST_START_ROW="| first start on a 10M-vote database (\`bench/first-start.sh\`) | | not measured: its output has no first-start line (bench/work/first-start.txt) | | | | | |"
    fi
  else
    echo "first start: start to ready"
    start_app "$WORK/app-start.log"
    stop_app
    FIRST_START_ROW="| start (backfill already done; bench/first-start.sh is not on this branch) | | ready in **$APP_READY_SECONDS s** | | | | | |"
  fi
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b > 0) printf "%.0f%%", 100 * a / b; else print "-" }'; }
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh\` — do not edit by hand; notes go in \`bench/NOTES.md\`."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GB RAM; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- $(java -version 2>&1 | head -1); $(psql -tAc 'show server_version' -d postgres | sed 's/^/PostgreSQL /')"
  echo "- data: $(q "select count(*) from suggestion") suggestions on $(q "select count(*) from board") boards, $(q "select count(*) from vote") votes, $(q "select count(*) from comment") comments, $(q "select count(*) from member") members; database size $(q "select pg_size_pretty(pg_database_size(current_database()))")"
  echo "- wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION} s per scenario after a ${WARMUP} s warm-up, on 127.0.0.1, no compression (wrk sends no Accept-Encoding)"
  echo "- scenarios: $SCENARIOS; members sign in with bearer tokens (OIDC service, local key); the rows marked \"visitor cache off\" and the session-cookie ceiling come from a second start of the app with \`FANLOOP_VISITOR_CACHE_TTL=PT0S\` and production's hybrid sign-in (a stand-in provider, \`bench/fake-oidc.py\`, signs one browser member in; its session cookie is the app's own, encrypted)"
  echo "- signed-in ceiling page: \`$SIGNED_IN_CEILING_PATH\`"
  echo "- search index: $(q "select count(*) from suggestion where search_version = 0") suggestions not indexed at the end; catch-up at start (\`FANLOOP_SEARCH_REINDEX_AT_START\`): ${FANLOOP_SEARCH_REINDEX_AT_START:-true}"
  echo
  echo "| scenario | path | requests/s | p50 | p99 | vs ceiling | vs signed-in ceiling | errors |"
  echo "|---|---|---:|---:|---:|---:|---:|---|"
  for i in "${!NAMES[@]}"; do
    IFS='|' read -r rps p50 p99 errs <<< "${RESULTS[$i]}"
    member_ratio=
    [ "${KINDS[$i]}" = member ] && member_ratio=$(ratio "$rps" "$SIGNED_IN_CEILING")
    echo "| ${NAMES[$i]} | \`${PATHS[$i]}\` | $rps | $p50 | $p99 | $(ratio "$rps" "$CEILING") | $member_ratio | $errs |"
  done
  if want search && [ -n "$SEARCH_STATUS" ] && [ "$SEARCH_STATUS" != 200 ]; then
    echo "| search | \`/search?q=相机\` | not measured: GET /search answered $SEARCH_STATUS (search is not on this branch) | | | | | |"
  fi
  [ -n "$SESSION_NOTE" ] && echo "$SESSION_NOTE"
  [ -n "$FIRST_START_ROW" ] && echo "$FIRST_START_ROW"
  [ -n "$MAIN_RSS_MB" ] && echo "| RSS under the whole run (max, sampled every second) | | **$MAIN_RSS_MB MB** (at the end: $MAIN_RSS_END_MB MB)$([ -n "$SECOND_RSS_MB" ] && echo "; second start (cache off): $SECOND_RSS_MB MB") | | | | | |"
  echo
  if [ -n "$VOTE" ]; then
    echo "- votes after the toggles: $(q "select count(*) from vote") (before: $VOTES_BEFORE); suggestions whose vote_count differs from their votes: **$MISMATCH**"
  fi
  [ -n "$MAIN_READY" ] && echo "- the app under test was ready $MAIN_READY s after its start"
  if [ -n "$MAIN_RSS_MB" ]; then
    echo "- app RSS: at most $MAIN_RSS_MB MB during the run (sampled every second), $MAIN_RSS_END_MB MB after the last scenario (JVM options: ${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX; worker threads: $QUARKUS_THREAD_POOL_MAX_THREADS)"
  fi
  echo
  echo "## Query plans (EXPLAIN (ANALYZE, BUFFERS), after the run)"
  echo
  echo '```'
  if [ "$RESULTS_FILE" != "$BENCH_DIR/RESULTS.md" ] && any "insights $INSIGHTS_NOCACHE_SCENARIOS"; then
    # Only the insights page's statements when its rows are written on their own (bench/INSIGHTS-RESULTS.md).
    BENCH_DB="$BENCH_DB" bash "$BENCH_DIR/insights-explain.sh" 2>&1
  else
    BENCH_DB="$BENCH_DB" psql -d "$BENCH_DB" -q -f "$BENCH_DIR/explain.sql" 2>&1
  fi
  echo '```'
} > "$RESULTS_FILE"
# Issue 14's targets: met, or missed by how much.
if [ "$RESULTS_FILE" = "$BENCH_DIR/RESULTS.md" ]; then bash "$BENCH_DIR/targets.sh" "$RESULTS_FILE"; fi
cat "$RESULTS_FILE"
