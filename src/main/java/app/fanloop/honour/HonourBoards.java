package app.fanloop.honour;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.fanloop.member.Member;
import app.fanloop.member.Visibility;
import app.fanloop.release.Release;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.web.SiteClock;
import app.fanloop.web.SiteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** What the honour pages read: the contributor boards, the shipped wall, a member's medals and shipped work. */
@ApplicationScoped
public class HonourBoards {

    /** A member on a board with the points that put them there. */
    public record Standing(int rank, Member member, int points) {
    }

    /** A shipped suggestion with the release that shipped it (none when a feature item was marked shipped by hand). */
    public record Shipped(Suggestion suggestion, Release release) {
    }

    /** A medal a member holds and since when. */
    public record Awarded(Medal medal, Instant at) {
    }

    /** A member's honours for their profile; the points history only for the member themselves. */
    public record Card(int points, int level, Integer nextLevel, int toNext, List<Awarded> medals, List<Shipped> shipped,
            List<HonourPoint> history) {
        public boolean topLevel() {
            return nextLevel == null;
        }
    }

    static final int PROFILE_SHIPPED = 20;
    static final int PROFILE_HISTORY = 20;

    private final EntityManager em;
    private final SiteClock clock;
    private final SiteConfig site;
    private final HonourConfig config;

    HonourBoards(EntityManager em, SiteClock clock, SiteConfig site, HonourConfig config) {
        this.em = em;
        this.clock = clock;
        this.site = site;
        this.config = config;
    }

    /** Monday of the current week in the site's zone. */
    public LocalDate thisWeek() {
        return clock.now().atZone(site.zone()).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public Instant startOf(LocalDate week) {
        return week.atStartOfDay(site.zone()).toInstant();
    }

    /**
     * Points gained in a week (unrevoked ledger rows written in it), most first; members who keep their
     * honours private are left off. Two statements whatever the size.
     */
    public List<Standing> week(LocalDate monday, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select p.member_id, sum(p.points) as gained from honour_point p
                where p.revoked_at is null and p.created_at >= :from and p.created_at < :to
                  and not exists (select 1 from member m where m.id = p.member_id and m.honours_private)
                group by p.member_id order by gained desc, p.member_id limit :n""")
                .setParameter("from", startOf(monday)).setParameter("to", startOf(monday.plusWeeks(1)))
                .setParameter("n", limit).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        Map<Long, Member> members = new HashMap<>();
        Member.<Member> list("id in ?1", ids).forEach(m -> members.put(m.id, m));
        List<Standing> board = new ArrayList<>();
        for (Object[] r : rows) {
            board.add(new Standing(board.size() + 1, members.get(((Number) r[0]).longValue()), ((Number) r[1]).intValue()));
        }
        return board;
    }

    public List<Standing> thisWeek(int limit) {
        return week(thisWeek(), limit);
    }

    /** All-time: the members' totals, from the indexed column. */
    public List<Standing> allTime(int limit) {
        List<Member> members = Member.<Member> find("honoursPrivate = false and points > 0 order by points desc, id")
                .page(0, limit).list();
        List<Standing> board = new ArrayList<>();
        for (Member m : members) {
            board.add(new Standing(board.size() + 1, m, m.points));
        }
        return board;
    }

    public int boardSize() {
        return config.boardSize();
    }

    /** 来自米粉的建议: every visible shipped suggestion, newest first, one page plus one row. */
    public List<Shipped> wall(int page, int size) {
        return shipped("s.status = ?1 and " + Visibility.jpqlPublic("s"), (page - 1) * size, size + 1,
                SuggestionStatus.SHIPPED);
    }

    /** A member's shipped suggestions with their releases, as far as the reader may see them. */
    public List<Shipped> shippedBy(long memberId, Visibility visibility, int limit) {
        return shipped("s.status = ?1 and s.author.id = ?2 and " + visibility.jpql("s"), 0, limit,
                SuggestionStatus.SHIPPED, memberId);
    }

    private List<Shipped> shipped(String where, int first, int max, Object... params) {
        var query = em.createQuery("""
                select s, r from Suggestion s join fetch s.author join fetch s.board
                left join Release r on r.id = s.shippedReleaseId
                where\s""" + where + " order by s.statusChangedAt desc nulls last, s.id desc", Object[].class)
                .setFirstResult(first).setMaxResults(max);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query.getResultList().stream().map(r -> new Shipped((Suggestion) r[0], (Release) r[1])).toList();
    }

    /** The honours on a member's profile: level, points, medals, shipped work and, for the member, the history. */
    public Card card(Member member, Visibility visibility, boolean own) {
        List<Integer> levels = config.levels();
        int level = Math.max(1, Math.min(member.level, levels.size()));
        Integer next = level < levels.size() ? level + 1 : null;
        int toNext = next == null ? 0 : Math.max(0, levels.get(level) - member.points);
        return new Card(member.points, level, next, toNext, medals(member.id), shippedBy(member.id, visibility, PROFILE_SHIPPED),
                own ? HonourPoint.latest(member.id, PROFILE_HISTORY) : List.of());
    }

    /** The medals a member holds, in the order the rules page lists them. */
    @SuppressWarnings("unchecked")
    public List<Awarded> medals(long memberId) {
        List<Object[]> rows = em.createNativeQuery(
                "select medal, awarded_at from member_medal where member_id = :m")
                .setParameter("m", memberId).getResultList();
        return rows.stream().map(r -> new Awarded(Medal.parse((String) r[0]), (Instant) r[1]))
                .filter(a -> a.medal() != null).sorted((a, b) -> a.medal().compareTo(b.medal())).toList();
    }
}
