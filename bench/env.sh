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
export QUARKUS_OIDC_APPLICATION_TYPE=service
export QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- '-----' "$KEYS/public.pem" | tr -d '\n')"
export QUARKUS_OIDC_TOKEN_ISSUER=fanloop-bench
# Rate limits raised for this run only: one bench member toggles hundreds of votes a second.
export FANLOOP_RATE_LIMIT_ACTIONS_VOTE_COUNT=1000000000
export FANLOOP_RATE_LIMIT_ACTIONS_VOTE_NEW_MEMBER_COUNT=1000000000
export FANLOOP_RATE_LIMIT_ACTIONS_ANONYMOUS_SEARCH_COUNT=1000000000
export QUARKUS_LOG_LEVEL=WARN
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
  payload=$(printf '{"iss":"fanloop-bench","sub":"%s","name":"%s","groups":["fan"],"iat":%d,"exp":%d}' "$1" "$2" "$now" $((now + 7200)) | b64url)
  sig=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$KEYS/private.pem" -binary | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$sig"
}

# start_app LOGFILE: starts the packaged app against the bench database and waits until it is ready.
start_app() {
  if curl -s -m 2 -o /dev/null "http://127.0.0.1:$BENCH_PORT/"; then
    echo "port $BENCH_PORT is already in use; choose another with BENCH_PORT=..." >&2
    return 1
  fi
  java ${BENCH_JAVA_OPTS:--Xmx512m} -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$1" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do
    curl -sf -m 5 "http://127.0.0.1:$BENCH_PORT/q/health/ready" > /dev/null && return 0
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
