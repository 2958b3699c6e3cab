#!/usr/bin/env bash
# Measures search as a fan meets it: GET /search and GET /search/similar on a running Fanloop,
# over HTTP, so the time includes analysis, the SQL, loading the results and rendering the page.
#
#   BASE_URL=http://localhost:8080 PGURL=postgresql://postgres@127.0.0.1:5432/fanloop bench/search.sh [runs]
#
# BASE_URL  the running app (default http://localhost:8080)
# PGURL     optional: its database, to report how many rows the search covers and the index sizes
# runs      timed runs per query after one warm-up (default 20)
# HEALTH_URL where the app says it is ready (default $BASE_URL/q/health/ready, as in dev mode; a prod-mode app
#           serves it on the management port, e.g. http://localhost:9000/q/health/ready)
#
# The per-member and per-address search limits (fanloop.rate-limit.actions.search.*, .hints.*) refuse a run
# this fast with 429: start the app with them raised, as bench/env.sh does.
#
# It prints a Markdown report; bench/README.md keeps the results worth keeping. It is not a test:
# run it by hand against the database you want to measure (the 1M-suggestion run needs the data
# generator, see bench/README.md).
set -euo pipefail
cd "$(dirname "$0")"

BASE_URL=${BASE_URL:-http://localhost:8080}
RUNS=${1:-${RUNS:-20}}
QUERIES=${QUERIES:-search-queries.txt}
TITLES=${TITLES:-search-titles.txt}

for tool in curl awk sort; do
  command -v "$tool" > /dev/null || { echo "needs $tool" >&2; exit 2; }
done
curl -fsS -o /dev/null "${HEALTH_URL:-$BASE_URL/q/health/ready}" || { echo "no Fanloop answering at $BASE_URL" >&2; exit 2; }

echo "# Search benchmark"
echo
echo "- when: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "- app: $BASE_URL, $RUNS timed runs per query after one warm-up, one request at a time"
echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM"
if [ -n "${PGURL:-}" ] && command -v psql > /dev/null; then
  psql "$PGURL" -At -F ' ' -c "
    select 'suggestions: ' || count(*) || ' (' || count(*) filter (where search_version > 0) || ' indexed)' from suggestion
    union all
    select 'comments: ' || count(*) || ' (' || count(*) filter (where search_version > 0) || ' indexed)' from comment
    union all
    select 'index sizes: suggestion_search ' || pg_size_pretty(pg_relation_size('suggestion_search'))
        || ', comment_search ' || pg_size_pretty(pg_relation_size('comment_search'))
    union all
    select 'PostgreSQL: ' || current_setting('server_version')" | sed 's/^/- /'
fi
echo

# Prints "status results p50 p95 max" (milliseconds) for one GET with one parameter.
measure() {
  local path=$1 name=$2 value=$3 body status times
  body=$(mktemp)
  status=$(curl -s -o "$body" -w '%{http_code}' -G --data-urlencode "$name=$value" -H 'Accept-Language: zh' "$BASE_URL$path")
  local results
  results=$(grep -o 'class="search-hit"\|class="row"' "$body" | wc -l)
  rm -f "$body"
  times=$(for _ in $(seq "$RUNS"); do
    curl -s -o /dev/null -w '%{time_total}\n' -G --data-urlencode "$name=$value" -H 'Accept-Language: zh' "$BASE_URL$path"
  done | sort -n)
  echo "$times" | awk -v status="$status" -v results="$results" '
    { t[NR] = $1 * 1000 }
    END {
      p50 = t[int((NR + 1) * 0.5)]; p95 = t[int(NR * 0.95 + 0.999)]; if (p95 == "") p95 = t[NR]
      printf "%s %s %.0f %.0f %.0f\n", status, results, p50, p95, t[NR]
    }'
}

table() {
  local path=$1 name=$2 file=$3
  echo "| $name | HTTP | results on page | p50 ms | p95 ms | max ms |"
  echo "|---|---|---|---|---|---|"
  while IFS= read -r line; do
    [ -z "$line" ] || [ "${line:0:1}" = "#" ] && continue
    read -r status results p50 p95 max <<< "$(measure "$path" "$name" "$line")"
    echo "| $line | $status | $results | $p50 | $p95 | $max |"
  done < "$file"
  echo
}

echo "## GET /search?q="
echo
table /search q "$QUERIES"
echo "## GET /search/similar?title= (the hints under the new-suggestion form)"
echo
table /search/similar title "$TITLES"
