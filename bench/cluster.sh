#!/usr/bin/env bash
# Two app nodes behind a load balancer, proven here: two packaged app processes (prod mode) against one scratch
# PostgreSQL database, HAProxy in front (round robin, no stickiness), members signed in once through production's
# code flow, then load from every member at once; node b is killed (kill -9) mid-run and restarted, then both nodes
# are restarted one by one on a second copy of the build (drained first). Afterwards: every acknowledged write is
# in the database, every counter equals its rows, the scheduled jobs ran once per item, no duplicate mail, each
# webhook delivery arrived once. Writes bench/CLUSTER-RESULTS.md and exits non-zero when a check fails.
#
#   bench/cluster.sh                       # package, then the whole run (about 5 minutes after packaging)
#   SKIP_PACKAGE=1 bench/cluster.sh        # reuse bench/work/cluster/app-1 and app-2
#   REPORT_ONLY=1 bench/cluster.sh        # the checks and bench/CLUSTER-RESULTS.md again, on the last run's data
#   MEMBERS=28 KILL_AT=25 THINK=0.25 bench/cluster.sh   # THINK: seconds between one member's requests
#
# Everything listens on 127.0.0.1, ports 18200-18226: the balancer 18200, node a 18201 (management 18211), node b
# 18202 (18212), the stand-in OpenID provider 18220 (bench/fake-oidc.py), an SMTP sink 18225 and a webhook
# receiver 18226 (bench/cluster.py sinks). The scratch database fanloop_cluster is dropped and made afresh.
# The pieces: bench/cluster.py (the load client, the sinks and the checks), bench/exactness.py (the checks shared
# with bench/faults.py), bench/env.sh (prod mode, bench secrets, tokens signed with a bench-only key).
set -euo pipefail
export BENCH_DB=fanloop_cluster
# The site's address (links in mail, the OIDC redirect) is the balancer's.
export BENCH_PORT=18200 BENCH_MANAGEMENT_PORT=18211
source "$(dirname "$0")/env.sh"
WORK="$BENCH_DIR/work/cluster"
MEMBERS="${MEMBERS:-28}"
KILL_AT="${KILL_AT:-25}"
export CLUSTER_WORK="$WORK" CLUSTER_LB_PORT=18200 CLUSTER_A_PORT=18201 CLUSTER_B_PORT=18202
export CLUSTER_OIDC_PORT=18220 CLUSTER_SMTP_PORT=18225 CLUSTER_HOOK_PORT=18226 CLUSTER_THINK="${THINK:-0.25}"
declare -A PORT=([a]=18201 [b]=18202) MGMT=([a]=18211 [b]=18212) PID=()
command -v haproxy > /dev/null || { echo "haproxy is missing: apt-get install -y haproxy" >&2; exit 1; }
command -v socat > /dev/null || { echo "socat is missing (the HAProxy runtime API): apt-get install -y socat" >&2; exit 1; }

# Production's hybrid sign-in, with the stand-in provider; members' tokens carry their e-mail (for the mail checks).
use_session_sign_in "$CLUSTER_OIDC_PORT"
# The API's tenant (bearer tokens, unused here) gets the same provider without discovery, which it does not serve.
export QUARKUS_OIDC_API_DISCOVERY_ENABLED=false QUARKUS_OIDC_API_JWKS_PATH=/jwks QUARKUS_OIDC_API_TOKEN_ISSUER=fanloop-bench
# Limits raised for this run: every member acts many times a second, all from 127.0.0.1.
for bucket in POST COMMENT VOTE REPORT; do
  export FANLOOP_RATE_LIMIT_ACTIONS_${bucket}_COUNT=1000000000 FANLOOP_RATE_LIMIT_ACTIONS_${bucket}_NEW_MEMBER_COUNT=1000000000
done
export FANLOOP_RATE_LIMIT_ACTIONS_LOGIN_COUNT=1000000000
# Reports are journaled and counted; none may hide a comment mid-run (that would turn later reports into 404s).
export FANLOOP_MODERATION_HIDE_THRESHOLD=1000000
# The jobs run often, so that each runs many times on both nodes within the run.
export FANLOOP_RELEASE_CHECK_EVERY=3s FANLOOP_NOTIFICATION_DELIVER_EVERY=2s FANLOOP_NOTIFICATION_MAIL_EVERY=3s
export FANLOOP_NOTIFICATION_DIGEST_EVERY=5s FANLOOP_HONOURS_JOB_EVERY=5s FANLOOP_WEBHOOKS_DELIVER_EVERY=2s
# A delivery claimed by a node that dies is sent again after the lease (it must exceed the timeout): 20 s, not 2 min.
export FANLOOP_WEBHOOKS_TIMEOUT=PT5S FANLOOP_WEBHOOKS_LEASE=PT20S FANLOOP_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true
# Real mail, to the sink (web/StartupCheck insists on a reachable SMTP server when the mock is off).
export QUARKUS_MAILER_MOCK=false QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="$CLUSTER_SMTP_PORT" QUARKUS_MAILER_START_TLS=DISABLED
# Two nodes on one PostgreSQL: 16 connections each (env.sh's 16 worker threads), not 32.
export QUARKUS_DATASOURCE_JDBC_MAX_SIZE=16

HAPROXY_PID= OIDC_PID= SINKS_PID= LOAD_PID=
cleanup() {
  for p in "${PID[@]}" $LOAD_PID $HAPROXY_PID $OIDC_PID $SINKS_PID; do kill "$p" 2>/dev/null || true; done
  for p in "${PID[@]}" $LOAD_PID $HAPROXY_PID $OIDC_PID $SINKS_PID; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
# REPORT_ONLY=1: no run; the checks and the report again, on the last run's data (bench/work/cluster, the database).
if [ "${REPORT_ONLY:-0}" != 1 ]; then
if [ "${SKIP_PACKAGE:-0}" != 1 ] || [ ! -d "$WORK/app-1" ]; then
  echo "packaging"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
  mkdir -p "$WORK"
  # app-1: the build the nodes start on; app-2: "the new build" of the rolling restart — the same packaged commit
  # in a second directory, so each node really starts again from another copy of the application.
  rm -rf "$WORK/app-1" "$WORK/app-2"
  cp -r "$ROOT/target/quarkus-app" "$WORK/app-1"
  cp -r "$ROOT/target/quarkus-app" "$WORK/app-2"
fi
rm -rf "$WORK/tokens" "$WORK"/*.log "$WORK"/*.jsonl "$WORK"/*.json "$WORK/phases" "$WORK/stop" "$WORK/haproxy.sock"
mkdir -p "$WORK/tokens"

mark() { echo "$1 $(date +%s.%N)" >> "$WORK/phases"; }
hap() { echo "$1" | socat - "UNIX-CONNECT:$WORK/haproxy.sock"; }
# hap_field SERVER COLUMN: a column of the balancer's `show stat` for that server (5 = current sessions, 18 = status).
hap_field() { hap "show stat" | awk -F, -v s="$1" -v c="$2" '$1 == "app" && $2 == s {print $c}'; }

# start_node NAME APP_DIR: a packaged app in prod mode on the node's ports; wait_ready NAME: until it is ready.
start_node() {
  QUARKUS_HTTP_PORT="${PORT[$1]}" QUARKUS_MANAGEMENT_PORT="${MGMT[$1]}" \
    java ${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS} -jar "$2/quarkus-run.jar" >> "$WORK/node-$1.log" 2>&1 &
  PID[$1]=$!
}
wait_ready() {
  for _ in $(seq 1 1500); do
    curl -sf -m 5 -o /dev/null "http://127.0.0.1:${MGMT[$1]}/q/health/ready" && return 0
    kill -0 "${PID[$1]}" 2>/dev/null || { echo "node $1 stopped; see $WORK/node-$1.log" >&2; return 1; }
    sleep 0.2
  done
  echo "node $1 did not become ready; see $WORK/node-$1.log" >&2
  return 1
}
# wait_up NAME: until the balancer's health checks see the node up.
wait_up() {
  for _ in $(seq 1 600); do [ "$(hap_field "$1" 18)" = UP ] && return 0; sleep 0.1; done
  echo "the balancer never saw node $1 up" >&2
  return 1
}
stop_node() { kill "${PID[$1]}"; wait "${PID[$1]}" 2>/dev/null || true; }

echo "scratch database $BENCH_DB"
psql -d postgres -qc "drop database if exists $BENCH_DB with (force)" -c "create database $BENCH_DB"
python3 "$BENCH_DIR/cluster.py" sinks > "$WORK/sinks.log" 2>&1 &
SINKS_PID=$!
bench_jwks > "$WORK/jwks.json"
python3 "$BENCH_DIR/fake-oidc.py" "$CLUSTER_OIDC_PORT" "$WORK/jwks.json" "$WORK/tokens" &
OIDC_PID=$!

# The schema first (one node, without the search catch-up), then rows the catch-up must index and last week's
# points (the honours job closes last week once per cluster), before both nodes start together.
echo "schema (node a alone)"
FANLOOP_SEARCH_REINDEX_AT_START=false start_node a "$WORK/app-1"
wait_ready a
stop_node a
psql -d "$BENCH_DB" -q -v ON_ERROR_STOP=1 <<'SQL'
insert into board (slug, name, name_en, description) values ('cluster', '集群', 'Cluster', ''), ('archive', '旧帖', 'Archive', '');
insert into member (subject, name, email, token_roles) values ('cluster-veteran', 'Cluster veteran', 'cluster-veteran@example.com', '{fan}');
-- Rows written "before search existed": search_version 0, for the catch-up both nodes share.
insert into suggestion (board_id, author_id, kind, title, body, body_html, trending, created_at)
select (select id from board where slug = 'archive'), (select id from member where subject = 'cluster-veteran'), 'SUGGESTION',
       'Archived idea ' || i, 'An old suggestion about the camera and battery, number ' || i, '<p>old</p>', 0, now() - interval '30 days'
from generate_series(1, 3000) i;
update board b set suggestion_count = (select count(*) from suggestion s where s.board_id = b.id and not s.hidden);
update suggestion set search_version = 0;
-- Last week's points: the honours job must close that week once and medal its top contributor once.
insert into honour_point (member_id, reason, source_id, points, suggestion_id, created_at)
select m.id, 'POSTED', s.id, 5, s.id, date_trunc('week', now()) - interval '4 days'
from member m, (select id from suggestion order by id limit 3) s where m.subject = 'cluster-veteran';
update member set points = (select sum(points) from honour_point p where p.member_id = member.id) where subject = 'cluster-veteran';
SQL

echo "two nodes"
start_node a "$WORK/app-1"
start_node b "$WORK/app-1"
wait_ready a
wait_ready b

cat > "$WORK/haproxy.cfg" <<EOF
global
  log stdout format raw local0
  stats socket $WORK/haproxy.sock mode 600 level admin
  maxconn 2000
defaults
  mode http
  log global
  # One line per request: accept time, server, method, URI, status, termination state, retries.
  log-format "req|%Ts.%ms|%s|%HM|%HU|%ST|%ts|%rc"
  option forwardfor
  timeout connect 2s
  timeout client 120s
  # Generous: correctness must not depend on the speed of two shared cores.
  timeout server 120s
  timeout http-request 30s
frontend site
  bind 127.0.0.1:$CLUSTER_LB_PORT
  default_backend app
backend app
  balance roundrobin
  # No stickiness: no cookie, no stick table; every request is balanced on its own.
  option httpchk GET /q/health/ready
  http-check expect status 200
  # A node alone under the whole load (its twin restarting) answers its readiness slowly: a check may take 30 s, and
  # three in a row must fail to take it out (a stopped node fails at once: connection refused).
  timeout check 30s
  default-server check inter 1s fall 3 rise 2
  # A request that never reached a node is sent to the other one; one a node may have received is retried only if
  # it is idempotent (GET, HEAD): a POST cut off by a dying node is answered 502, never applied twice.
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response
  http-request disable-l7-retry if !METH_GET !METH_HEAD
  # Which node answered, for the load client's per-node share (the balancer's own errors carry none).
  http-response set-header X-Node %s
  server a 127.0.0.1:${PORT[a]} port ${MGMT[a]}
  server b 127.0.0.1:${PORT[b]} port ${MGMT[b]}
EOF
haproxy -f "$WORK/haproxy.cfg" -db > "$WORK/haproxy.log" 2>&1 &
HAPROXY_PID=$!
sleep 0.5
wait_up a
wait_up b

echo "members sign in"
: > "$WORK/members.tsv"
add_member() {
  printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$WORK/members.tsv"
  bench_token "$1" "$2" "$3" "$1@example.com" > "$WORK/tokens/$1"
}
add_member cluster-member-1 "Cluster member 1" fan
add_member cluster-seeder "Cluster seeder" fan
add_member cluster-admin "Cluster admin" admin
add_member cluster-banned "Cluster banned" fan
add_member cluster-reader "Cluster reader" fan
for i in $(seq 2 "$MEMBERS"); do add_member "cluster-member-$i" "Cluster member $i" fan; done
python3 "$BENCH_DIR/cluster.py" setup

# A feature item per two seeds (demand under concurrent votes), a release falling due during the kill, every member
# following the board and the release channel, half of them on immediate mail, and last week's unread
# notifications for the weekly digest.
SEEDS=$(python3 -c "import json; print(','.join(map(str, json.load(open('$WORK/state.json'))['seeds'])))")
DUE_IN=$((KILL_AT - 3))
psql -d "$BENCH_DB" -q -v ON_ERROR_STOP=1 -v seeds="$SEEDS" -v due="$DUE_IN" <<'SQL'
create temp table seeds as select s.id, row_number() over (order by s.id) as n from suggestion s where s.id = any(string_to_array(:'seeds', ',')::bigint[]);
insert into feature_item (title, created_by_id) select 'Cluster feature ' || k, (select id from member where subject = 'cluster-admin') from generate_series(1, 2) k;
update suggestion s set feature_item_id = (select id from feature_item where title = 'Cluster feature ' || ((x.n + 1) / 2))
  from seeds x where x.id = s.id and x.n <= 4;
update feature_item f set demand = (select count(distinct v.member_id) from vote v join suggestion x on x.id = v.suggestion_id where x.feature_item_id = f.id);
insert into release (version, channel, week, summary, state, scheduled_at, scheduled_by_id, created_by_id)
select 'cluster-1.0', 'DEV', to_char(now(), 'IYYY-"W"IW'), 'Falls due during the run.', 'SCHEDULED', now() + make_interval(secs => :due), m.id, m.id
from member m where m.subject = 'cluster-admin';
insert into release_item (release_id, section, text, text_html, feature_item_id)
select r.id, 'NEW', 'Feature 2 shipped', '<p>Feature 2 shipped</p>', (select id from feature_item where title = 'Cluster feature 2')
from release r where version = 'cluster-1.0';
insert into release_item (release_id, section, text, text_html) select id, 'IMPROVED', 'Seed 5', '<p>Seed 5</p>' from release where version = 'cluster-1.0';
insert into release_item_suggestion (item_id, suggestion_id)
select i.id, (select id from seeds where n = 5) from release_item i where i.text = 'Seed 5';
insert into board_follow (board_id, member_id) select b.id, m.id from board b, member m where b.slug = 'cluster' and m.subject like 'cluster-member-%' on conflict do nothing;
insert into channel_follow (channel, member_id) select 'DEV', m.id from member m where m.subject like 'cluster-member-%' on conflict do nothing;
insert into notification_preference (member_id, email_mode, language)
select id, case when split_part(subject, '-', 3)::int % 2 = 1 then 'IMMEDIATE' else 'WEEKLY' end, 'en' from member where subject like 'cluster-member-%'
on conflict (member_id) do update set email_mode = excluded.email_mode;
insert into domain_event (kind, actor_id, suggestion_id, payload, created_at, delivered_at)
select 'SUGGESTION_POSTED', (select id from member where subject = 'cluster-seeder'), (select id from seeds where n = 8), '{}',
       date_trunc('week', now()) - interval '4 days', date_trunc('week', now()) - interval '4 days';
insert into notification (member_id, event_id, kind, reason, actor_id, suggestion_id, created_at)
select m.id, (select max(id) from domain_event where kind = 'SUGGESTION_POSTED' and created_at < now() - interval '1 day'), 'SUGGESTION_POSTED',
       'FOLLOWER', (select id from member where subject = 'cluster-seeder'), (select id from seeds where n = 8), date_trunc('week', now()) - interval '4 days'
from member m join notification_preference p on p.member_id = m.id where p.email_mode = 'WEEKLY';
SQL

echo "load: $MEMBERS members through the balancer; kill -9 of node b at $KILL_AT s"
mark load
python3 "$BENCH_DIR/cluster.py" load &
LOAD_PID=$!
sleep "$KILL_AT"
mark kill
kill -9 "${PID[b]}"
wait "${PID[b]}" 2>/dev/null || true
sleep 3
mark restart
start_node b "$WORK/app-1"
wait_ready b
wait_up b
mark rejoined
echo "node b rejoined $(awk '$1 == "kill" {k = $2} $1 == "rejoined" {r = $2} END {printf "%.1f", r - k}' "$WORK/phases") s after the kill"
sleep 10

echo "rolling restart onto the new build (app-2): a, then b"
mark rolling
for node in a b; do
  hap "set server app/$node state drain" > /dev/null
  for _ in $(seq 1 300); do [ "$(hap_field "$node" 5)" = 0 ] && break; sleep 0.1; done
  hap "set server app/$node state maint" > /dev/null
  stop_node "$node"
  start_node "$node" "$WORK/app-2"
  wait_ready "$node"
  hap "set server app/$node state ready" > /dev/null
  wait_up "$node"
  mark "rolled-$node"
done
mark rolled
sleep 10
mark stop
touch "$WORK/stop"
wait "$LOAD_PID"
LOAD_PID=

echo "the visitor page cache with two nodes"
CLUSTER_CACHE_TTL_SECONDS=2 python3 "$BENCH_DIR/cluster.py" stale
fi
echo "checks (waiting for the jobs to finish)"
set +e
REPORT=$(python3 "$BENCH_DIR/cluster.py" check)
STATUS=$?
set -e
cleanup
trap - EXIT
{
  echo "# Two nodes behind a load balancer"
  echo
  echo "Written by \`bench/cluster.sh\` — do not edit by hand."
  echo
  echo "- date: $(date -u -d "@$(awk '$1 == "load" {print int($2)}' "$WORK/phases")" '+%Y-%m-%d %H:%M UTC')$([ "${REPORT_ONLY:-0}" = 1 ] && echo " (checks run again on this run's data at $(date -u '+%H:%M UTC'), REPORT_ONLY=1)")"
  echo "- commit: $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"
  echo "- machine: $(nproc) cores (shared with other work: figures are noisy); $(java -version 2>&1 | head -1); $(haproxy -v | head -1 | cut -d' ' -f1-3); $(psql -tAc 'show server_version' -d postgres | sed 's/^/PostgreSQL /')"
  echo "- two packaged app processes in prod mode (JVM options: ${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS}; ${QUARKUS_THREAD_POOL_MAX_THREADS} worker threads, ${QUARKUS_DATASOURCE_JDBC_MAX_SIZE} connections each) on one PostgreSQL database; HAProxy round robin, no stickiness, health checks on /q/health/ready"
  echo "- sign-in: production's hybrid code flow with a stand-in provider (bench/fake-oidc.py); each member signed in once and used its encrypted session cookie on both nodes"
  echo "- timeline: load from $MEMBERS members; node b killed (kill -9) at $KILL_AT s and restarted at once; 10 s later a rolling restart (drain, SIGTERM, start on the second copy of the build, ready) of a, then b; 10 s more load"
  echo "- phases (seconds after the load began): $(awk '$1 == "load" {s = $2} {if (s) printf "%s %.1f; ", $1, $2 - s}' "$WORK/phases")"
  echo "- data after the run: $(psql -d "$BENCH_DB" -tAc "select count(*) from vote") votes, $(psql -d "$BENCH_DB" -tAc "select count(*) from comment") comments, $(psql -d "$BENCH_DB" -tAc "select count(*) from suggestion where board_id = (select id from board where slug = 'cluster')") suggestions on the load's board, $(psql -d "$BENCH_DB" -tAc "select count(*) from notification") notifications, $(psql -d "$BENCH_DB" -tAc "select count(*) from webhook_delivery") webhook deliveries"
  echo
  echo "$REPORT"
} > "$BENCH_DIR/CLUSTER-RESULTS.md"
cat "$BENCH_DIR/CLUSTER-RESULTS.md"
exit $STATUS
