package app.fanloop.honour;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionEvent;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.web.SiteClock;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Points and medals, written inside the transaction of the action that earns them. Every award is a
 * ledger row, unique per reason and source, and moves {@code member.points} and {@code member.level}
 * by the same amount in the same transaction; a take-back marks rows revoked and moves them back, so
 * a member's total is always the sum of their unrevoked rows.
 * <p>
 * Callers award after they have written the suggestion or comment row, so every transaction locks
 * member rows last (and several members in id order): a vote, a comment, a status change and a hide
 * touching the same suggestion and author cannot deadlock each other. The suggestion services call through
 * their {@link SuggestionEvent}s (observed below, synchronously, in their transaction); moderation calls directly.
 */
@ApplicationScoped
@Startup
public class Honours {

    /** Reasons that stand or fall with the suggestion they name (a hidden suggestion's comments keep theirs). */
    private static final String SUGGESTION_REASONS = "('POSTED', 'VOTE_RECEIVED', 'ADOPTED', 'SHIPPED')";

    private final EntityManager em;
    private final HonourConfig config;
    private final SiteClock clock;
    private final Viewer viewer;
    private String levelArray;
    /** Set once this node has seen the backfill of existing data done; until then take-backs wait for its batches. */
    private volatile boolean backfillDone;

    Honours(EntityManager em, HonourConfig config, SiteClock clock, Viewer viewer) {
        this.em = em;
        this.viewer = viewer;
        this.config = config;
        this.clock = clock;
    }

    /** Checks the thresholds at start: ten ascending numbers from 0, inlined into the level expression. */
    @PostConstruct
    void checkLevels() {
        List<Integer> levels = config.levels();
        if (levels.size() != 10 || levels.get(0) != 0) {
            throw new IllegalStateException("fanloop.honours.levels needs ten thresholds starting at 0: " + levels);
        }
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i) <= levels.get(i - 1)) {
                throw new IllegalStateException("fanloop.honours.levels must ascend: " + levels);
            }
        }
        levelArray = "array[" + levels.stream().map(String::valueOf).collect(Collectors.joining(",")) + "]";
    }

    /** The SQL for the level (1–10) a points expression reaches, from the configured thresholds. */
    String levelOf(String points) {
        return "greatest(1, width_bucket(" + points + ", " + levelArray + "))";
    }

    /** The signed-in member keeps their honours private (off the boards, a bare profile) or shows them. */
    @Transactional
    public void keepPrivate(boolean keep) {
        Member me = viewer.requireMember();
        em.createNativeQuery("update member set honours_private = :p where id = :m")
                .setParameter("p", keep).setParameter("m", me.id).executeUpdate();
        me.honoursPrivate = keep;
    }

    void on(@Observes SuggestionEvent.SuggestionPosted e) {
        posted(e.suggestion());
    }

    void on(@Observes SuggestionEvent.VoteCast e) {
        voted(e.voteId(), e.suggestionId(), e.authorId(), e.suggestionHidden(), e.voterId());
    }

    void on(@Observes SuggestionEvent.VotesWithdrawn e) {
        votesWithdrawn(e.voteIds());
    }

    void on(@Observes SuggestionEvent.CommentPosted e) {
        commented(e.comment());
    }

    void on(@Observes SuggestionEvent.StatusReached e) {
        reached(e.suggestion(), e.status());
    }

    /** A suggestion was posted: points for its author and, the first time, a medal. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void posted(Suggestion s) {
        if (award(s.author.id, PointReason.POSTED, s.id, s.id, null, s.hidden)) {
            medal(s.author.id, Medal.FIRST_SUGGESTION);
        }
    }

    /**
     * A vote was cast: a point for the suggestion's author, unless they voted for themselves. One ledger row
     * per vote received, not a counter: a withdrawal, a hide and a purge take back exactly that vote's point.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void voted(long voteId, long suggestionId, long authorId, boolean suggestionHidden, long voterId) {
        if (authorId != voterId) {
            award(authorId, PointReason.VOTE_RECEIVED, voteId, suggestionId, null, suggestionHidden);
        }
    }

    /** Votes were withdrawn: the points they earned go back, whoever earned them (a merge moves votes, not points). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void votesWithdrawn(List<Long> voteIds) {
        if (!voteIds.isEmpty()) {
            awaitBackfillBatch();
            revoke("reason = 'VOTE_RECEIVED' and source_id in (:ids)", Map.of("ids", voteIds), "WITHDRAWN");
        }
    }

    /** A comment or reply was written; official responses are staff work and earn nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void commented(Comment c) {
        if (!c.official) {
            award(c.author.id, PointReason.COMMENTED, c.id, c.suggestion.id, c.id, c.hidden);
        }
    }

    /**
     * A suggestion reached a status. PLANNED, IN_PROGRESS and SHIPPED mean it was adopted; SHIPPED also
     * earns the shipping honour. Each once per suggestion, also if it goes back and forth.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reached(Suggestion s, SuggestionStatus status) {
        long author = s.author.id;
        if (status == SuggestionStatus.SHIPPED) {
            awaitBackfillBatch(); // the tenth shipped row may be one a batch is writing
        }
        if ((status == SuggestionStatus.PLANNED || status == SuggestionStatus.IN_PROGRESS
                || status == SuggestionStatus.SHIPPED) && award(author, PointReason.ADOPTED, s.id, s.id, null, s.hidden)
                && !s.hidden) {
            medal(author, Medal.FIRST_ADOPTED);
        }
        if (status == SuggestionStatus.SHIPPED && award(author, PointReason.SHIPPED, s.id, s.id, null, s.hidden)
                && !s.hidden) {
            medal(author, Medal.FIRST_SHIPPED);
            if (shippedCount(author) >= Medal.MANY_SHIPPED) {
                medal(author, Medal.TEN_SHIPPED);
            }
        }
    }

    /** Reports a moderator upheld: [report id, reporter id] pairs. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reportsUpheld(List<Object[]> reports) {
        for (Object[] r : reports) {
            award(((Number) r[1]).longValue(), PointReason.REPORT_UPHELD, ((Number) r[0]).longValue(), null, null, false);
        }
    }

    /** A suggestion was hidden (its points go back) or shown again (they return). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void suggestionHidden(long suggestionId, boolean hidden) {
        awaitBackfillBatch();
        String where = "suggestion_id = :id and comment_id is null and reason in " + SUGGESTION_REASONS;
        if (hidden) {
            revoke(where, Map.of("id", suggestionId), "HIDDEN");
        } else {
            reinstate(where, Map.of("id", suggestionId));
        }
    }

    /** A comment was hidden or shown again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void commentHidden(long commentId, boolean hidden) {
        awaitBackfillBatch();
        if (hidden) {
            revoke("comment_id = :id", Map.of("id", commentId), "HIDDEN");
        } else {
            reinstate("comment_id = :id", Map.of("id", commentId));
        }
    }

    /** A suggestion and everything on it was purged: its points and its comments' points go for good. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void suggestionPurged(long suggestionId) {
        awaitBackfillBatch();
        purged("suggestion_id = :id", Map.of("id", suggestionId));
    }

    /** Comments were purged. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void commentsPurged(List<Long> commentIds) {
        if (!commentIds.isEmpty()) {
            awaitBackfillBatch();
            purged("comment_id in (:ids)", Map.of("ids", commentIds));
        }
    }

    /**
     * Awards a medal once: a second award, also one racing in another transaction, meets the primary
     * key and does nothing. Returns whether this call awarded it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean medal(long memberId, Medal medal) {
        return medal(memberId, medal, clock.now());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean medal(long memberId, Medal medal, Instant at) {
        return em.createNativeQuery("""
                insert into member_medal (member_id, medal, awarded_at) values (:m, :medal, :at)
                on conflict do nothing""")
                .setParameter("m", memberId).setParameter("medal", medal.name()).setParameter("at", at)
                .executeUpdate() == 1;
    }

    /**
     * Writes one ledger row, once per reason and source. Content that is hidden earns a revoked row,
     * which a restore gives back. Returns whether the row is new.
     */
    private boolean award(long memberId, PointReason reason, long sourceId, Long suggestionId, Long commentId,
            boolean hidden) {
        int points = config.points(reason);
        if (points <= 0) {
            return false;
        }
        Instant now = clock.now();
        // One statement: the row and, if it is new and counts, the member's total and level (one member row).
        return ((Number) em.createNativeQuery("""
                with added as (
                    insert into honour_point (member_id, reason, source_id, points, suggestion_id, comment_id, created_at,
                        revoked_at, revoked_cause)
                    values (:m, :reason, :source, :points, :s, :c, :now, :revoked, :cause)
                    on conflict (reason, source_id) do nothing
                    returning member_id, points as gained, revoked_at
                ), moved as (
                    update member set points = points + a.gained, level = %s
                    from added a where member.id = a.member_id and a.revoked_at is null
                    returning member.id
                )
                select count(*) from added""".formatted(levelOf("points + a.gained")))
                .setParameter("m", memberId).setParameter("reason", reason.name()).setParameter("source", sourceId)
                .setParameter("points", points).setParameter("s", suggestionId).setParameter("c", commentId)
                .setParameter("now", now).setParameter("revoked", hidden ? now : null)
                .setParameter("cause", hidden ? "HIDDEN" : null)
                .getSingleResult()).intValue() == 1;
    }

    /**
     * Takes rows back and moves their members' totals. When they all belong to one member (a withdrawn vote,
     * a hidden comment) that is one statement; with several members the totals are moved one by one in id
     * order afterwards, as {@link #move} does, so concurrent take-backs cannot deadlock.
     */
    @SuppressWarnings("unchecked")
    private void revoke(String where, Map<String, Object> params, String cause) {
        Query update = em.createNativeQuery("""
                with revoked as (
                    update honour_point set revoked_at = :now, revoked_cause = :cause
                    where revoked_at is null and %s returning member_id, points
                ), lost as (
                    select member_id, sum(points) as points from revoked group by member_id
                ), moved as (
                    update member set points = member.points - l.points, level = %s
                    from lost l where member.id = l.member_id and (select count(*) from lost) = 1
                    returning member.id
                )
                select member_id, points, (select count(*) from moved) from lost order by member_id"""
                .formatted(where, levelOf("member.points - l.points")))
                .setParameter("now", clock.now()).setParameter("cause", cause);
        params.forEach(update::setParameter);
        List<Object[]> rows = update.getResultList();
        if (rows.size() > 1) {
            Map<Long, Integer> sums = new TreeMap<>();
            rows.forEach(r -> sums.put(((Number) r[0]).longValue(), -((Number) r[1]).intValue()));
            move(sums);
        }
    }

    private void reinstate(String where, Map<String, Object> params) {
        Query update = em.createNativeQuery("update honour_point set revoked_at = null, revoked_cause = null"
                + " where revoked_cause = 'HIDDEN' and " + where + " returning member_id, points");
        params.forEach(update::setParameter);
        move(totals(update));
    }

    /** Purged content never comes back: rows a hide had taken back stay taken back for good. */
    private void purged(String where, Map<String, Object> params) {
        Query hidden = em.createNativeQuery("update honour_point set revoked_cause = 'PURGED'"
                + " where revoked_cause = 'HIDDEN' and " + where);
        params.forEach(hidden::setParameter);
        hidden.executeUpdate();
        revoke(where, params, "PURGED");
    }

    /** Sums the returned [member, points] rows per member, in id order (the order members are locked in). */
    @SuppressWarnings("unchecked")
    private static Map<Long, Integer> totals(Query returning) {
        Map<Long, Integer> sums = new TreeMap<>();
        for (Object[] row : (List<Object[]>) returning.getResultList()) {
            sums.merge(((Number) row[0]).longValue(), ((Number) row[1]).intValue(), Integer::sum);
        }
        return sums;
    }

    /**
     * While {@link HonourBackfill} writes the ledger of existing data, a take-back must not miss rows a batch
     * is writing (a batch that read a vote before it was withdrawn, or a suggestion before it was hidden,
     * writes that row unrevoked after the take-back looked). Each batch holds this lock exclusively; a take-back
     * holds it shared until its commit, so it runs either wholly before a batch reads (the batch sees it done)
     * or after the batch commits (it sees the batch's rows). Once the backfill is done this costs nothing.
     */
    private void awaitBackfillBatch() {
        if (backfillDone) {
            return;
        }
        boolean running = !em.createNativeQuery("""
                select pg_advisory_xact_lock_shared(:lock) from (select 1) x
                where not exists (select 1 from honour_backfill where phase = 'DONE')""")
                .setParameter("lock", HonourBackfill.BATCH_LOCK).getResultList().isEmpty();
        if (!running) {
            backfillDone = true;
        }
    }

    /** The backfill starts (again): take-backs wait for its batches until it is done. */
    void backfillStarted() {
        backfillDone = false;
    }

    /**
     * Moves many members' totals and levels in one statement (a backfill batch): the rows are locked first in
     * member id order, the order every transaction locks members in, so this cannot deadlock with a live move.
     */
    void moveAll(SortedMap<Long, Integer> deltas) {
        deltas.values().removeIf(d -> d == 0);
        if (deltas.isEmpty()) {
            return;
        }
        String ids = deltas.keySet().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        String amounts = deltas.values().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        em.createNativeQuery("select id from member where id = any(cast(:ids as bigint[])) order by id for no key update")
                .setParameter("ids", ids).getResultList();
        em.createNativeQuery("update member m set points = m.points + d.delta, level = " + levelOf("m.points + d.delta")
                + " from unnest(cast(:ids as bigint[]), cast(:deltas as int[])) as d (id, delta) where m.id = d.id")
                .setParameter("ids", ids).setParameter("deltas", amounts).executeUpdate();
    }

    /** Moves members' totals and levels, in member id order so concurrent moves cannot deadlock. */
    private void move(Map<Long, Integer> deltas) {
        deltas.forEach((memberId, delta) -> {
            if (delta != 0) {
                em.createNativeQuery("update member set points = points + :delta, level = " + levelOf("points + :delta")
                        + " where id = :m")
                        .setParameter("delta", delta).setParameter("m", memberId).executeUpdate();
            }
        });
    }

    private int shippedCount(long memberId) {
        return ((Number) em.createNativeQuery("""
                select count(*) from honour_point where member_id = :m and reason = 'SHIPPED' and revoked_at is null""")
                .setParameter("m", memberId).getSingleResult()).intValue();
    }

    /** A member's total recomputed from the ledger, to check (and explain) the column. */
    public int ledgerTotal(long memberId) {
        return ((Number) em.createNativeQuery(
                "select coalesce(sum(points), 0) from honour_point where member_id = :m and revoked_at is null")
                .setParameter("m", memberId).getSingleResult()).intValue();
    }
}
