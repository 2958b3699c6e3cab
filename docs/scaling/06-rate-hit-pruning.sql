-- PROPOSAL, not a Flyway migration (docs/SCALING.md, "Tables that grow without bound"); independent of the others.
-- Tried by bench/growth.sh (bench/GROWTH-RESULTS.md).
--
-- rate_hit keeps each member's recent actions per bucket; RateLimiter deletes a key's expired rows only when that
-- member acts again in that bucket, so the rows of members who stop acting stay for good (a million members who voted
-- once leave a million rows). fanloop_prune_rate_hits(older_than, batch) deletes every row older than the longest
-- window of any bucket (24 h: fanloop.rate-limit.actions.avatar.window), in batches; run every few minutes by one node.
-- The table also becomes UNLOGGED: rate-limit counts are worth nothing after a crash (the table is emptied then, which
-- only forgets who acted in the last day), and an unlogged table writes no WAL — on a busy site, one WAL record less
-- per vote, comment and report, and nothing for the replicas to replay. (rate_window, the request counters, is pruned
-- per bucket as it is written, RequestLimit.prune; it could be unlogged for the same reason.)
alter table rate_hit set unlogged;
create index if not exists rate_hit_at on rate_hit (at);

create or replace procedure fanloop_prune_rate_hits(older_than interval, batch int) language plpgsql as $$
declare
    n int;
begin
    loop
        delete from rate_hit where ctid in (select ctid from rate_hit where at < now() - older_than limit batch);
        get diagnostics n = row_count;
        commit;
        exit when n < batch;
    end loop;
end $$;
