package app.fanloop.honour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Honour data as the app writes it, and the checks every honour test ends with. */
@ApplicationScoped
public class HonourFixtures {

    private final EntityManager em;
    private final Fixtures fx;
    private final Honours honours;
    private final HonourConfig config;

    HonourFixtures(EntityManager em, Fixtures fx, Honours honours, HonourConfig config) {
        this.em = em;
        this.fx = fx;
        this.honours = honours;
        this.config = config;
    }

    /** A suggestion posted by someone other than the signed-in test user, with the points posting earns. */
    @Transactional
    public Suggestion posted(Board board, Member author, String title) {
        Suggestion s = fx.suggestion(board, author, title);
        honours.posted(Suggestion.loadFull(s.id));
        return s;
    }

    /** A vote by another member, with the point it earns the author, as the vote action records it. */
    @Transactional
    public void voted(Suggestion suggestion, Member voter) {
        long voteId = ((Number) em.createNativeQuery(
                "insert into vote (suggestion_id, cast_on_id, member_id) values (:s, :s, :m) returning id")
                .setParameter("s", suggestion.id).setParameter("m", voter.id).getSingleResult()).longValue();
        Suggestion s = Suggestion.loadFull(suggestion.id);
        honours.voted(voteId, s.id, s.author.id, s.hidden, voter.id);
        fx.recompute(suggestion.id);
    }

    /** A comment by another member, with its points. */
    @Transactional
    public Comment commented(Suggestion suggestion, Member author) {
        return replied(suggestion, null, author);
    }

    @Transactional
    public Comment replied(Suggestion suggestion, Comment parent, Member author) {
        Comment c = fx.comment(suggestion.id, author, parent == null ? null : parent.id, "A comment by " + author.name, false);
        honours.commented(c);
        return c;
    }

    /** Merges as MergeService moves votes (the merge itself writes no points). */
    @Transactional
    public void merge(Suggestion duplicate, Suggestion target) {
        em.createNativeQuery("update vote set suggestion_id = :t where suggestion_id = :d")
                .setParameter("t", target.id).setParameter("d", duplicate.id).executeUpdate();
        em.createNativeQuery("update suggestion set status = 'MERGED', merged_into_id = :t where id = :d")
                .setParameter("t", target.id).setParameter("d", duplicate.id).executeUpdate();
        fx.recompute(duplicate.id);
        fx.recompute(target.id);
    }

    /** A status reached as the services reach it (for ten shipped suggestions without ten releases). */
    @Transactional
    public void reached(long suggestionId, SuggestionStatus status) {
        Suggestion s = Suggestion.loadFull(suggestionId);
        s.status = status;
        honours.reached(s, status);
    }

    /**
     * Points for a member as if earned now: a ledger row (the reason matters not for boards) and the
     * member's total and level moved with it, as Honours moves them.
     */
    @Transactional
    public void grant(Member member, int points) {
        em.createNativeQuery("""
                insert into honour_point (member_id, reason, source_id, points, created_at)
                values (:m, 'REPORT_UPHELD', :source, :p, :now)""")
                .setParameter("m", member.id).setParameter("source", -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE))
                .setParameter("p", points).setParameter("now", java.time.Instant.now()).executeUpdate();
        int total = points(member) + points;
        em.createNativeQuery("update member set points = :t, level = :l where id = :m").setParameter("t", total)
                .setParameter("l", config.levelFor(total)).setParameter("m", member.id).executeUpdate();
    }

    /** A new member with a display name (for pages that are looked at). */
    @Transactional
    public Member named(String name) {
        Member m = fx.someone();
        // Names are unique whatever their case (V74): whoever had this name in an earlier run gives it up.
        em.createNativeQuery("update member set name = subject where lower(name) = lower(:n) and not bot").setParameter("n", name)
                .executeUpdate();
        em.createNativeQuery("update member set name = :n where id = :m").setParameter("n", name).setParameter("m", m.id)
                .executeUpdate();
        m.name = name;
        return m;
    }

    @Transactional
    public void rename(Board board, String name, String description) {
        em.createNativeQuery("update board set name = :n, name_en = null, description = :d where id = :b")
                .setParameter("n", name).setParameter("d", description).setParameter("b", board.id).executeUpdate();
    }

    /** The take-back of a moderator's hide (the hide itself is Fixtures.hide). */
    @Transactional
    public void hidden(long suggestionId) {
        honours.suggestionHidden(suggestionId, true);
    }

    /** The open reports on a suggestion, upheld as if before honours existed (no points written). */
    @Transactional
    public void uphold(long suggestionId) {
        em.createNativeQuery("update report set status = 'UPHELD', resolved_at = now() where suggestion_id = :s")
                .setParameter("s", suggestionId).executeUpdate();
    }

    @Transactional
    public void setLevel(Member member, int level) {
        em.createNativeQuery("update member set level = :l where id = :m").setParameter("l", level)
                .setParameter("m", member.id).executeUpdate();
    }

    /** Lets the one-time backfill run again (as on a database that has never had it). */
    @Transactional
    public void reopenBackfill() {
        em.createNativeQuery("delete from honour_backfill").executeUpdate();
        honours.backfillStarted();
    }

    @Transactional
    public void keepPrivate(Member member) {
        em.createNativeQuery("update member set honours_private = true where id = :m").setParameter("m", member.id)
                .executeUpdate();
    }

    public int points(Member member) {
        return (int) fx.number("select points from member where id = ?1", member.id);
    }

    public int level(Member member) {
        return (int) fx.number("select level from member where id = ?1", member.id);
    }

    public int ledger(Member member) {
        return (int) fx.number("select coalesce(sum(points), 0) from honour_point where member_id = ?1 and revoked_at is null",
                member.id);
    }

    public long rows(PointReason reason, long sourceId) {
        return fx.number("select count(*) from honour_point where reason = ?1 and source_id = ?2", reason.name(), sourceId);
    }

    public String revokedCause(PointReason reason, long sourceId) {
        return fx.text("select revoked_cause from honour_point where reason = ?1 and source_id = ?2", reason.name(), sourceId);
    }

    public long medals(Member member, Medal medal) {
        return fx.number("select count(*) from member_medal where member_id = ?1 and medal = ?2", member.id, medal.name());
    }

    /** Every member's total is the sum of their unrevoked ledger rows, and their level follows from it. */
    @Transactional
    public void assertLedgerConsistent() {
        String thresholds = config.levels().stream().map(String::valueOf).collect(Collectors.joining(","));
        @SuppressWarnings("unchecked")
        List<Object> wrong = em.createNativeQuery("""
                select m.subject || ': ' || m.points || ' / ' || coalesce(l.total, 0) || ' Lv' || m.level from member m
                left join (select member_id, sum(points) total from honour_point where revoked_at is null group by member_id) l
                  on l.member_id = m.id
                where m.points <> coalesce(l.total, 0)
                   or m.level <> greatest(1, width_bucket(m.points, array[""" + thresholds + "]))")
                .getResultList();
        assertEquals(List.of(), wrong, "members whose total or level is not their ledger's");
    }
}
