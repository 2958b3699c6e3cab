-- The statements behind the benchmarked pages, as Hibernate sends them (page 1, 20 rows + 1),
-- with EXPLAIN (ANALYZE, BUFFERS). bench/run.sh appends the output to RESULTS.md.
\set board `psql -tAc "select id from board order by position limit 1" -d $BENCH_DB`
\set sid `psql -tAc "select min(id) from suggestion" -d $BENCH_DB`
\echo '### board page, trending'
explain (analyze, buffers, costs off) select s.*, m.* from suggestion s join member m on m.id = s.author_id
 where s.board_id = :board and s.hidden = false and s.status <> 'MERGED' order by s.pinned desc, s.trending desc, s.id desc limit 21;
\echo '### board page, top'
explain (analyze, buffers, costs off) select s.*, m.* from suggestion s join member m on m.id = s.author_id
 where s.board_id = :board and s.hidden = false and s.status <> 'MERGED' order by s.pinned desc, s.vote_count desc, s.id desc limit 21;
\echo '### board page, new'
explain (analyze, buffers, costs off) select s.*, m.* from suggestion s join member m on m.id = s.author_id
 where s.board_id = :board and s.hidden = false and s.status <> 'MERGED' order by s.pinned desc, s.created_at desc, s.id desc limit 21;
\echo '### home, trending across boards'
explain (analyze, buffers, costs off) select s.*, m.* from suggestion s join member m on m.id = s.author_id
 where s.hidden = false and s.status <> 'MERGED' order by s.trending desc, s.id desc limit 10;
\echo '### suggestion page, comment threads'
explain (analyze, buffers, costs off) select c.*, m.* from comment c join member m on m.id = c.author_id
 where c.suggestion_id = :sid and c.parent_id is null order by c.created_at, c.id limit 51;
\echo '### suggestion page, vote sparkline'
explain (analyze, buffers, costs off) select suggestion_id, cast((created_at at time zone 'Asia/Shanghai') as date) as day, count(*)
 from vote where suggestion_id in (:sid) and created_at >= now() - interval '30 days' group by 1, 2;
\echo '### home, recently shipped (suggestion_recently_shipped, V35)'
explain (analyze, buffers, costs off) select s.*, m.* from suggestion s join member m on m.id = s.author_id
 where s.hidden = false and s.status = 'SHIPPED' order by s.status_changed_at desc, s.id desc limit 5;
\echo '### search for a word in 17% of all suggestions (相机): every match is read to be ranked'
explain (analyze, buffers, costs off) select s.id, ts_rank('{0.1, 0.2, 0.4, 1.0}', s.search_vector, to_tsquery('simple', '相机'), 1) as rank
 from suggestion s where s.search_vector @@ to_tsquery('simple', '相机') and not s.hidden and s.status <> 'MERGED'
 order by rank desc, s.vote_count desc, s.id desc limit 21;
