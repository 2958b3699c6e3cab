#!/usr/bin/env bash
# Keycloak with the Fanloop realm, without Docker: the distribution from Maven Central (the version in pom.xml,
# fetched once into ~/.m2 by the Maven wrapper), unpacked into a cache directory, started in dev mode on Java 17+.
# The realm (docker/keycloak/fanloop-realm.json) is imported at every start into an in-memory database, so each
# start is fresh; the demo users keep their ids, so the app's members stay the same.
#
#   docker/keycloak/run-local.sh            # Keycloak on http://localhost:8180
#   KEYCLOAK_PORT=9090 docker/keycloak/run-local.sh
#
# Environment: KEYCLOAK_PORT (8180), KEYCLOAK_ADMIN_PASSWORD (admin console user "admin"; default "admin", local
# use only), FANLOOP_OIDC_CLIENT_SECRET (the client secret; default the realm's demo secret), KEYCLOAK_CACHE
# (where the distribution is unpacked; default ~/.cache/fanloop).
set -euo pipefail
cd "$(dirname "$0")/../.."

version=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml)
port=${KEYCLOAK_PORT:-8180}
cache=${KEYCLOAK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fanloop}
home="$cache/keycloak-$version"

if [ ! -x "$home/bin/kc.sh" ]; then
  echo "Unpacking org.keycloak:keycloak-quarkus-dist:$version into $cache (first run only)"
  mkdir -p "$cache"
  ./mvnw -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:tar.gz" -DoutputDirectory="$cache"
  tar -xzf "$cache/keycloak-quarkus-dist-$version.tar.gz" -C "$cache"
  rm "$cache/keycloak-quarkus-dist-$version.tar.gz"
fi

mkdir -p "$home/data/import"
cp docker/keycloak/fanloop-realm.json "$home/data/import/fanloop-realm.json"

log="$cache/keycloak-$port.log"
export KC_BOOTSTRAP_ADMIN_USERNAME=admin
export KC_BOOTSTRAP_ADMIN_PASSWORD=${KEYCLOAK_ADMIN_PASSWORD:-admin}
export JAVA_OPTS_KC_HEAP=${JAVA_OPTS_KC_HEAP:--Xms64m -Xmx768m}
echo "Starting Keycloak $version on port $port (log: $log); the first start builds it (about a minute)"
"$home/bin/kc.sh" start-dev --http-port="$port" --http-management-port=$((port + 1)) --import-realm --db=dev-mem \
  > "$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2> /dev/null; wait "$pid" 2> /dev/null' INT TERM EXIT

realm="http://localhost:$port/realms/fanloop"
until curl -fs -o /dev/null "$realm/.well-known/openid-configuration"; do
  if ! kill -0 "$pid" 2> /dev/null; then
    echo "Keycloak stopped; the end of its log:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  sleep 1
done

if [ -n "${FANLOOP_OIDC_CLIENT_SECRET:-}" ]; then
  secret='the value of FANLOOP_OIDC_CLIENT_SECRET'
else
  secret=$(sed -n 's/.*"secret": "\${FANLOOP_OIDC_CLIENT_SECRET:\([^}]*\)}".*/\1/p' docker/keycloak/fanloop-realm.json)
fi
cat <<EOF
Keycloak is ready: $realm
  admin console  http://localhost:$port/admin/ (user admin)
  demo users     alice/alice-demo (admin), paula/paula-demo (pm), bob/bob-demo, chen/chen-demo (fans)
Point the app at it (prod mode; see README "Deploy without Docker: Keycloak from Maven Central"):
  QUARKUS_OIDC_AUTH_SERVER_URL=$realm
  QUARKUS_OIDC_CLIENT_ID=fanloop
  QUARKUS_OIDC_CREDENTIALS_SECRET=$secret
Ctrl-C stops Keycloak.
EOF
wait "$pid"
