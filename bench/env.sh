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
export QUARKUS_OIDC_APPLICATION_TYPE=service
export QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- '-----' "$KEYS/public.pem" | tr -d '\n')"
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
# Production requires these two; the bench run sends no mail (the mock mailer keeps it).
export FANLOOP_SITE_URL="http://127.0.0.1:$BENCH_PORT"
export FANLOOP_NOTIFICATION_UNSUBSCRIBE_SECRET="bench-only-not-secret"
export QUARKUS_MAILER_MOCK=true

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
# bench_token SUBJECT NAME: a bearer token for that member, valid for two hours.
bench_token() {
  local now header payload sig
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"fanloop-bench","aud":"fanloop","sub":"%s","name":"%s","groups":["fan"],"iat":%d,"exp":%d}' "$1" "$2" "$now" $((now + 7200)) | b64url)
  sig=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$KEYS/private.pem" -binary | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$sig"
}

# The app's memory budget for the run (the target is RSS under 400 MB): a fixed 128 MB heap (the live set
# after a full GC is ~35 MB; 200 MB committed cost RSS for nothing), the serial
# collector (two cores: no concurrent GC threads to feed) and bounded metaspace and code cache.
# glibc's per-thread malloc arenas add ~50 MB of RSS on a busy JVM; two are enough (measured: 381 vs 431 MB).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
DEFAULT_JAVA_OPTS="-Xms128m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -Xss512k"
# start_app LOGFILE: starts the packaged app against the bench database and waits until it is ready.
start_app() {
  if curl -s -m 2 -o /dev/null "http://127.0.0.1:$BENCH_PORT/"; then
    echo "port $BENCH_PORT is already in use; choose another with BENCH_PORT=..." >&2
    return 1
  fi
  java ${BENCH_JAVA_OPTS:-$DEFAULT_JAVA_OPTS} -jar "${BENCH_APP_DIR:-$ROOT/target/quarkus-app}/quarkus-run.jar" > "$1" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do
    curl -sf -m 5 "http://127.0.0.1:$BENCH_MANAGEMENT_PORT/q/health/ready" > /dev/null && return 0
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app stopped; see $1" >&2; return 1; }
    sleep 1
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
