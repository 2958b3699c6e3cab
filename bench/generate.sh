#!/usr/bin/env bash
# Creates the benchmark database, migrates it with the packaged app's own Flyway migrations, and fills it.
#   bench/generate.sh            # full scale: 1,000,000 suggestions, 10,000,000 votes, 3,000,000 comments
#   SCALE=0.1 bench/generate.sh  # a tenth of that
set -euo pipefail
source "$(dirname "$0")/env.sh"
SCALE="${SCALE:-1}"
[ -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
df -h /var/lib/postgresql | tail -1 | awk '{print "disk free for PostgreSQL: " $4}'
echo "recreating database $BENCH_DB"
psql -d postgres -qc "drop database if exists $BENCH_DB with (force)"
psql -d postgres -qc "create database $BENCH_DB"
echo "migrating $BENCH_DB with the app's Flyway migrations (starting the packaged app once)"
trap stop_app EXIT
start_app "$BENCH_DIR/.migrate.log"
stop_app
echo "generating data at scale $SCALE"
start=$(date +%s)
psql -d "$BENCH_DB" -v scale="$SCALE" -f "$BENCH_DIR/generate.sql"
# What the insights page reads (answers, status times, releases, feature items) and its roll-ups reset (issue 22).
psql -d "$BENCH_DB" -f "$BENCH_DIR/generate-insights.sql"
echo "done in $(( $(date +%s) - start )) s"
