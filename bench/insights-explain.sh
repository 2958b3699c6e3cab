#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of every statement /triage/insights runs for its figures (issue 22), as
# insight/InsightService, RisingSuggestions and InsightJobs send them, on the bench database: the default range (the
# last 8 weeks to today, by week, all boards) and, for the statements whose cost grows with the range, 90 days and
# one board. bench/run.sh appends it to bench/INSIGHTS-RESULTS.md; alone: BENCH_DB=fanloop_bench bench/insights-explain.sh
# Not here: the sign-in's statements (the member by subject and its roles), which every signed-in page runs
# (the signed-in ceiling), and the roll-up job's own statements (RisingSuggestions.COMPUTE, once per cluster per minute).
set -euo pipefail
source "$(dirname "$0")/env.sh"
ZONE="${ZONE:-Asia/Shanghai}"
q() { psql -d "$BENCH_DB" -tAc "$1"; }
TODAY=$(q "select (now() at time zone '$ZONE')::date")
FROM=$(q "select date '$TODAY' - 55")
FROM90=$(q "select date '$TODAY' - 89")
BOARD=$(q "select id from board order by position limit 1")
explain() {
  echo "### $1"
  psql -d "$BENCH_DB" -q -v ON_ERROR_STOP=1 -c "explain (analyze, buffers, costs off) $2" 2>&1
}
echo "-- $BENCH_DB: $(q "select count(*) from suggestion") suggestions, $(q "select count(*) from insight_day") insight_day rows,"\
  "$(q "select count(*) from feature_demand_day") feature_demand_day rows, $(q "select count(*) from insight_rising") insight_rising rows;"\
  "default range $FROM to $TODAY, 90 days from $FROM90, board $BOARD"
echo

explain "boards (InsightService.boards)" \
  "select id, name from board where board.program_id is null order by position, id"

volume() {
  echo "select day, kind, sum(posted), sum(reviewed), sum(planned), sum(shipped), sum(declined), sum(merged)
        from insight_day where day between '$1' and '$TODAY' and ($2 = 0 or board_id = $2) group by day, kind"
}
explain "volume and funnel, default range (insight_day)" "$(volume "$FROM" 0)"
explain "volume and funnel, 90 days" "$(volume "$FROM90" 0)"

times() {
  echo "select 'answer', d.board_id, percentile_cont(0.5) within group (order by m), percentile_cont(0.9) within group (order by m), count(*)
        from insight_day d, unnest(d.answer_minutes) m where d.day between '$1' and '$TODAY' and ($2 = 0 or d.board_id = $2) group by d.board_id
        union all
        select 'ship', d.board_id, percentile_cont(0.5) within group (order by m), percentile_cont(0.9) within group (order by m), count(*)
        from insight_day d, unnest(d.ship_minutes) m where d.day between '$1' and '$TODAY' and ($2 = 0 or d.board_id = $2) group by d.board_id
        union all
        select 'week', cast(d.day - cast(extract(isodow from d.day) as integer) + 1 - date '1970-01-01' as bigint),
               percentile_cont(0.5) within group (order by m), percentile_cont(0.9) within group (order by m), count(*)
        from insight_day d, unnest(d.answer_minutes) m where d.day between '$1' and '$TODAY' and ($2 = 0 or d.board_id = $2) group by 2
        order by 1, 2"
}
explain "answer and ship times, median and p90 per board and per week, default range (every post's minutes of the range)" "$(times "$FROM" 0)"
explain "answer and ship times, 90 days" "$(times "$FROM90" 0)"
explain "answer and ship times, default range, one board" "$(times "$FROM" "$BOARD")"

explain "release markers" \
  "select version, published_at from release where state = 'PUBLISHED'
   and published_at >= (date '$FROM')::timestamp at time zone '$ZONE' and published_at < (date '$TODAY' + 1)::timestamp at time zone '$ZONE'
   order by published_at"

explain "rising suggestions, all boards (insight_rising, as the job last computed it)" \
  "select s.id, s.title, r.recent, r.before, s.vote_count from insight_rising r join suggestion s on s.id = r.suggestion_id
   where r.board_id = 0 and s.hidden = false and s.program_id is null and s.status <> 'MERGED' order by r.rank limit 10"

explain "feature items by demand" \
  "select id, title, status, demand from feature_item where status in ('BACKLOG', 'PLANNED', 'IN_PROGRESS')
   order by demand desc, id desc limit 12"

explain "demand over time: new and lost voters of the 5 most wanted items (feature_demand_day), 90 days" \
  "select f.id, f.title, d.day, d.gained, d.lost
   from (select id, title, demand from feature_item where status in ('BACKLOG', 'PLANNED', 'IN_PROGRESS')
         order by demand desc, id desc limit 5) f
   left join feature_demand_day d on d.feature_item_id = f.id and d.day between '$FROM90' and '$TODAY'
   order by f.demand desc, f.id desc"

explain "backfill progress (InsightJobs.progress)" \
  "select next_day - first_day, last_day - first_day + 1,
          done_at is not null and coalesce((select d.done_at is not null from feature_demand_backfill d where d.id = 1), true)
   from insight_backfill where id = 1"

NOW=$(q "select now()")
explain "the roll-up job, once per cluster per minute, not per view: rising suggestions computed (the select of RisingSuggestions.COMPUTE)" \
  "select board_id, rank, id, recent, before from (
     select b.board_id, s.id, v.recent, v.before,
            row_number() over (partition by b.board_id order by v.recent - v.before desc, s.id) as rank
     from (select suggestion_id, count(*) filter (where created_at >= timestamptz '$NOW' - interval '7 days') as recent,
                  count(*) filter (where created_at < timestamptz '$NOW' - interval '7 days') as before
           from vote where created_at >= timestamptz '$NOW' - interval '14 days' and created_at < timestamptz '$NOW' group by suggestion_id) v
     join suggestion s on s.id = v.suggestion_id
     cross join lateral (values (cast(0 as bigint)), (s.board_id)) b (board_id)
     where s.hidden = false and s.program_id is null and s.status <> 'MERGED' and v.recent > v.before) ranked
   where rank <= 20"

echo
echo "-- For comparison, what a view ran before (commit bcf1300): rising suggestions and demand over time from the votes."
explain "before: rising suggestions counted from a fortnight of votes, per view" \
  "select s.id, s.title, v.recent, v.before, s.vote_count
   from (select suggestion_id, count(*) filter (where created_at >= timestamptz '$NOW' - interval '7 days') as recent,
                count(*) filter (where created_at < timestamptz '$NOW' - interval '7 days') as before
         from vote where created_at >= timestamptz '$NOW' - interval '14 days' and created_at < timestamptz '$NOW' group by suggestion_id) v
   join suggestion s on s.id = v.suggestion_id
   where s.hidden = false and s.program_id is null and s.status <> 'MERGED' and v.recent > v.before
   order by v.recent - v.before desc, s.id limit 10"
explain "before: demand over time as votes per day of the top 5 items' suggestions, per view, 90 days" \
  "select f.id, f.title, cast(v.created_at at time zone '$ZONE' as date), count(v.member_id)
   from (select id, title, demand from feature_item where status in ('BACKLOG', 'PLANNED', 'IN_PROGRESS')
         order by demand desc, id desc limit 5) f
   left join suggestion s on s.feature_item_id = f.id
   left join vote v on v.suggestion_id = s.id and v.created_at >= (date '$FROM90')::timestamp at time zone '$ZONE'
     and v.created_at < (date '$TODAY' + 1)::timestamp at time zone '$ZONE'
   group by f.id, f.title, f.demand, 3 order by f.demand desc, f.id desc"
