# Sourced by the bench scripts: where the benchmark database and app live, and the bench-only sign-in.
# Sign-in for the benchmark: the app runs in prod mode as an OIDC *service* that verifies bearer tokens
# against a local RSA public key (quarkus.oidc.public-key) — no provider, no network. The key pair is
# made here, kept in bench/.keys (ignored by git), and only these environment variables of the bench
# run use it; application.properties and the production configuration are unchanged.
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
export BENCH_DB="${BENCH_DB:-fanloop_bench}"
export BENCH_PORT="${BENCH_PORT:-18097}"
KEYS="$BENCH_DIR/.keys"
mkdir -p "$KEYS"
if [ ! -f "$KEYS/private.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/private.pem" 2>/dev/null
  openssl pkey -in "$KEYS/private.pem" -pubout -out "$KEYS/public.pem"
fi
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$BENCH_DB"
export QUARKUS_DATASOURCE_USERNAME=postgres
export QUARKUS_HTTP_PORT="$BENCH_PORT"
export QUARKUS_HTTP_HOST=127.0.0.1
# Prod mode serves health and metrics on the management interface only (application.properties).
export BENCH_MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-18098}"
export QUARKUS_MANAGEMENT_PORT="$BENCH_MANAGEMENT_PORT"
export QUARKUS_MANAGEMENT_HOST=127.0.0.1
use_bearer_sign_in() {
  export QUARKUS_OIDC_APPLICATION_TYPE=service
  export QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- '-----' "$KEYS/public.pem" | tr -d '\n')"
  # The API's tenant (/api/*) checks the same tokens with the same key.
  export QUARKUS_OIDC_API_PUBLIC_KEY="$QUARKUS_OIDC_PUBLIC_KEY" QUARKUS_OIDC_API_TOKEN_ISSUER=fanloop-bench
  unset QUARKUS_OIDC_AUTH_SERVER_URL QUARKUS_OIDC_DISCOVERY_ENABLED QUARKUS_OIDC_AUTHORIZATION_PATH \
    QUARKUS_OIDC_TOKEN_PATH QUARKUS_OIDC_JWKS_PATH QUARKUS_OIDC_END_SESSION_PATH QUARKUS_OIDC_AUTHENTICATION_COOKIE_FORCE_SECURE
}
use_bearer_sign_in
export QUARKUS_OIDC_TOKEN_ISSUER=fanloop-bench
# Rate limits raised for this run only: one bench member toggles hundreds of votes a second.
export FANLOOP_RATE_LIMIT_ACTIONS_VOTE_COUNT=1000000000
export FANLOOP_RATE_LIMIT_ACTIONS_VOTE_NEW_MEMBER_COUNT=1000000000
# The limits on reading: the bench reads from one address (and one member) far faster than any person.
for bucket in SEARCH HINTS FEED PAGE; do
  export FANLOOP_RATE_LIMIT_ACTIONS_${bucket}_COUNT=1000000000 FANLOOP_RATE_LIMIT_ACTIONS_${bucket}_MEMBER_COUNT=1000000000
done
export QUARKUS_LOG_LEVEL=WARN
# Two cores: 16 worker threads instead of Quarkus's default (up to 200); measured 362 vs 197 board pages/s
# in back-to-back runs, because fewer threads contend less for Qute's and the pool's locks (bench/NOTES.md).
export QUARKUS_THREAD_POOL_MAX_THREADS="${QUARKUS_THREAD_POOL_MAX_THREADS:-16}"
# Production's start-up check (web/StartupCheck) wants a site URL and random secrets of 32+ characters: made once
# per machine and kept in bench/.keys (the OIDC two serve the session-cookie run). The bench run sends no mail (the
# mock mailer keeps it; the check only warns about that).
export FANLOOP_SITE_URL="http://127.0.0.1:$BENCH_PORT"
[ -f "$KEYS/secrets" ] || for name in FANLOOP_NOTIFICATION_UNSUBSCRIBE_SECRET FANLOOP_WEBHOOKS_SECRET_KEY \
    QUARKUS_OIDC_CREDENTIALS_SECRET QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET; do
  echo "export $name=$(openssl rand -hex 24)" >> "$KEYS/secrets"
done
. "$KEYS/secrets"
export QUARKUS_MAILER_MOCK=true

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
# bench_token SUBJECT NAME [ROLE] [EMAIL]: a bearer token for that member (role "fan" unless given, in the groups
# claim; an email claim if given), valid for two hours.
bench_token() {
  local now header payload sig email=
  now=$(date +%s)
  [ -n "${4:-}" ] && email=$(printf ',"email":"%s"' "$4")
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"fanloop-bench","aud":"fanloop","sub":"%s","name":"%s","groups":["%s"]%s,"iat":%d,"exp":%d}' "$1" "$2" "${3:-fan}" "$email" "$now" $((now + 7200)) | b64url)
  sig=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$KEYS/private.pem" -binary | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$sig"
}

# The app's memory budget for the run (the target is RSS under 400 MB): a fixed 128 MB heap (the live set
# after a full GC is ~35 MB; 200 MB committed cost RSS for nothing), the serial
# collector (two cores: no concurrent GC threads to feed) and bounded metaspace and code cache.
# glibc's per-thread malloc arenas add ~50 MB of RSS on a busy JVM; two are enough (measured: 381 vs 431 MB).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
DEFAULT_JAVA_OPTS="-Xms128m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -Xss512k"
# package_app DIR [MAVEN ARGS...]: packages the app (skipped with SKIP_PACKAGE=1 once DIR exists) and copies it to DIR;
# the run starts it from there, so that a build in the working tree meanwhile cannot pull jars from under it.
package_app() {
  local dir="$1"
  shift
  if [ "${SKIP_PACKAGE:-0}" != 1 ] || [ ! -d "$dir" ]; then
    echo "packaging"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests "$@")
    rm -rf "$dir" && cp -r "$ROOT/target/quarkus-app" "$dir"
  fi
}
# start_app LOGFILE: starts the packaged app against the bench database and waits until it is ready.
start_app() {
  if curl -s -m 2 -o /dev/null "http://127.0.0.1:$BENCH_PORT/"; then
    echo "port $BENCH_PORT is already in use; choose another with BENCH_PORT=..." >&2
    return 1
  fi
  local started
  started=$(date +%s.%N)
  java ${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS} -jar "${BENCH_APP_DIR:-$ROOT/target/quarkus-app}/quarkus-run.jar" > "$1" 2>&1 &
  APP_PID=$!
  # Polled every 0.2 s: APP_READY_SECONDS is the start-to-ready time (bench/run.sh reports it).
  for _ in $(seq 1 1200); do
    if curl -sf -m 5 "http://127.0.0.1:$BENCH_MANAGEMENT_PORT/q/health/ready" > /dev/null; then
      APP_READY_SECONDS=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
      return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app stopped; see $1" >&2; return 1; }
    sleep 0.2
  done
  echo "the app did not become ready; see $1" >&2
  return 1
}
stop_app() {
  if [ -n "${APP_PID:-}" ]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
  fi
}

# bench_jwks: the bench public key as a JSON Web Key Set (for bench/fake-oidc.py).
bench_jwks() {
  local n
  n=$(openssl rsa -pubin -in "$KEYS/public.pem" -noout -modulus | sed 's/^Modulus=//' | xxd -r -p | b64url)
  printf '{"keys":[{"kty":"RSA","alg":"RS256","use":"sig","n":"%s","e":"AQAB"}]}' "$n"
}
# use_session_sign_in PORT: switches the next start_app from the OIDC *service* (bearer tokens against the local
# key) to production's hybrid mode (browsers get a session cookie), with bench/fake-oidc.py on PORT as the provider.
use_session_sign_in() {
  export QUARKUS_OIDC_APPLICATION_TYPE=hybrid
  unset QUARKUS_OIDC_PUBLIC_KEY
  export QUARKUS_OIDC_AUTH_SERVER_URL="http://127.0.0.1:$1" QUARKUS_OIDC_DISCOVERY_ENABLED=false
  export QUARKUS_OIDC_AUTHORIZATION_PATH=/authorize QUARKUS_OIDC_TOKEN_PATH=/token QUARKUS_OIDC_JWKS_PATH=/jwks
  export QUARKUS_OIDC_END_SESSION_PATH=/logout
  # The bench speaks plain HTTP on 127.0.0.1; production keeps its Secure cookies.
  export QUARKUS_OIDC_AUTHENTICATION_COOKIE_FORCE_SECURE=false
}

# bench_setup BASE_URL: what the scenarios need from the database and the running app, shared by bench/run.sh
# and bench/profile.sh. Sets FIRST, BOARD, SUGGESTION; writes 64 bench members' bearer tokens to $WORK/tokens and
# signs them in once (first requests create the members, as a first sign-in would); sets the visitor's CSRF
# cookie and token (BENCH_CSRF_*) and what bench/vote.lua reads.
bench_setup() {
  local base="$1" t
  FIRST=$(psql -d "$BENCH_DB" -tAc "select min(id) from suggestion")
  BOARD=$(psql -d "$BENCH_DB" -tAc "select slug from board order by position limit 1")
  SUGGESTION="$FIRST"   # the generator gives the first suggestion exactly 50 comments
  : > "$WORK/tokens"
  for i in $(seq 1 64); do bench_token "bench-voter-$i" "Bench voter $i" >> "$WORK/tokens"; echo >> "$WORK/tokens"; done
  bench_visitor_cookie "$base"
  export BENCH_TOKENS="$WORK/tokens" BENCH_THREADS="${THREADS:-2}" BENCH_VOTE_FIRST=$((FIRST + 1000)) BENCH_VOTE_SPAN=200
  while read -r t; do
    curl -s -m 120 -o /dev/null -H "Authorization: Bearer $t" "$base/me" || echo "warm-up request for a bench member failed" >&2
  done < "$WORK/tokens"
  MEMBER="Authorization: Bearer $(head -1 "$WORK/tokens")"
}
# bench_visitor_cookie BASE_URL: a visitor's first page; sets BENCH_CSRF_COOKIE/TOKEN and VISITOR (the Cookie
# header of a returning reader, who gets the visitor page cache).
bench_visitor_cookie() {
  curl -s -m 120 -c "$WORK/cookies" "$1/" -o "$WORK/home.html"
  export BENCH_CSRF_COOKIE=$(awk '$6 == "fanloop-csrf" {print $7}' "$WORK/cookies")
  export BENCH_CSRF_TOKEN=$(grep -o 'X-CSRF-TOKEN": "[^"]*' "$WORK/home.html" | sed 's/.*"//')
  VISITOR="Cookie: fanloop-csrf=$BENCH_CSRF_COOKIE"
}

# wrk_summary FILE: "rps|p50|p99|errors" of a finished `wrk --latency` run's output (bench/run.sh, bench/search-load.sh).
wrk_summary() {
  local out="$1" rps p50 p99 errs
  errs=$(awk '/Non-2xx/ {print "non-2xx: " $NF} /Socket errors/ {sub(/^ *Socket errors: */, ""); print}' "$out" | tr '\n' ' ')
  # wrk prints "0 requests in ..." when not one response came back within its 2 s timeout.
  if grep -q '^ *0 requests in' "$out"; then echo "0|-|-|no response within 2 s${errs:+; $errs}"; return; fi
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  # wrk leaves timed-out requests out of its latencies: when all timed out it prints 0.00us.
  [ "$p50" = 0.00us ] && p50="> 2 s" && p99="> 2 s"
  echo "$rps|$p50|$p99|${errs:-none}"
}
