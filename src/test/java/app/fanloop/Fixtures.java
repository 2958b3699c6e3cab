package app.fanloop;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Frequency;
import app.fanloop.suggestion.StatusChange;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.suggestion.Trending;
import app.fanloop.triage.FeatureDemand;
import app.fanloop.web.Markdown;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Builds the data a test needs straight in the database: members other than the signed-in one,
 * boards with unique slugs, suggestions with chosen times and votes, comments. Counters and the
 * trending value are kept as the app keeps them.
 */
@ApplicationScoped
public class Fixtures {

    private final EntityManager em;
    private final Trending trending;
    private final Markdown markdown;

    @jakarta.inject.Inject
    FeatureDemand featureDemand;

    Fixtures(EntityManager em, Trending trending, Markdown markdown) {
        this.em = em;
        this.trending = trending;
        this.markdown = markdown;
    }

    /** A name no other test (or earlier run) has used. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The member with this subject, created as a first sign-in would create it. */
    @Transactional
    public Member member(String subject) {
        return Member.findBySubject(subject).orElseGet(() -> {
            Member m = new Member();
            m.subject = subject;
            m.name = subject;
            m.createdAt = Instant.now();
            m.lastSeenAt = m.createdAt;
            m.persist();
            return m;
        });
    }

    /** A new member nobody signs in as. */
    public Member someone() {
        return member(unique("someone"));
    }

    /** A live board taking both kinds. */
    public Board board() {
        return board(true, true);
    }

    @Transactional
    public Board board(boolean suggestions, boolean bugs) {
        Board b = new Board();
        b.slug = unique("b");
        b.name = "Board " + b.slug;
        b.description = "About " + b.slug;
        b.acceptsSuggestions = suggestions;
        b.acceptsBugs = bugs;
        b.position = ((Number) em.createNativeQuery("select coalesce(max(position), 0) + 1 from board").getSingleResult())
                .intValue();
        b.persist();
        return b;
    }

    public Suggestion suggestion(Board board, Member author, String title) {
        return suggestion(board, author, SuggestionKind.SUGGESTION, title, "Body of *" + title + "*", Instant.now());
    }

    /** A suggestion posted at the given time, as the service would store it (without the author's follow). */
    @Transactional
    public Suggestion suggestion(Board board, Member author, SuggestionKind kind, String title, String body,
            Instant createdAt) {
        Suggestion s = new Suggestion();
        s.board = em.getReference(Board.class, board.id);
        // A post on a beta program's private board is the program's, as PostingService files it.
        s.programId = board.programId;
        s.author = em.getReference(Member.class, author.id);
        s.kind = kind;
        s.title = title;
        s.body = body;
        s.bodyHtml = markdown.toHtml(body);
        if (kind == SuggestionKind.BUG) {
            s.deviceModel = "Xiaomi 14";
            s.systemVersion = "HyperOS 2.0";
            s.frequency = Frequency.OFTEN;
            s.steps = "1. Open the camera";
        }
        // Millisecond precision, so Java and PostgreSQL agree on the post's trending exponent.
        s.createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        s.trending = trending.exponent(s.createdAt);
        s.persist();
        em.createNativeQuery("update board set suggestion_count = suggestion_count + 1 where id = :id")
                .setParameter("id", board.id).executeUpdate();
        return s;
    }

    /** Casts {@code n} votes by new members at the given time and recomputes the counters and trending. */
    @Transactional
    public void votes(long suggestionId, int n, Instant at) {
        for (int i = 0; i < n; i++) {
            Member voter = member(unique("voter"));
            em.createNativeQuery("""
                    insert into vote (suggestion_id, cast_on_id, member_id, created_at) values (:s, :s, :m, :at)""")
                    .setParameter("s", suggestionId).setParameter("m", voter.id)
                    .setParameter("at", at.truncatedTo(ChronoUnit.MILLIS)).executeUpdate();
        }
        recompute(suggestionId);
    }

    /** A vote by this member, cast now. */
    @Transactional
    public void voteAs(long suggestionId, Member member) {
        em.createNativeQuery("insert into vote (suggestion_id, cast_on_id, member_id) values (:s, :s, :m)")
                .setParameter("s", suggestionId).setParameter("m", member.id).executeUpdate();
        recompute(suggestionId);
    }

    /** Recomputes one suggestion's counters and trending value from its rows, with the app's own SQL. */
    @Transactional
    public void recompute(long suggestionId) {
        em.createNativeQuery(Trending.RECOMPUTE_ALL + " and s.id = :id")
                .setParameter("epoch", trending.epochSeconds())
                .setParameter("halfLife", trending.halfLifeSeconds())
                .setParameter("id", suggestionId)
                .executeUpdate();
    }

    @Transactional
    public void status(long suggestionId, SuggestionStatus status) {
        em.createNativeQuery("update suggestion set status = :st, status_changed_at = now() where id = :id")
                .setParameter("st", status.name()).setParameter("id", suggestionId).executeUpdate();
    }

    /** A PM's status change, kept in the timeline as the service keeps it. */
    @Transactional
    public void statusChange(long suggestionId, Member actor, SuggestionStatus to, String note) {
        Suggestion s = Suggestion.findById(suggestionId);
        StatusChange change = new StatusChange();
        change.suggestion = s;
        change.actor = em.getReference(Member.class, actor.id);
        change.fromStatus = s.status;
        change.toStatus = to;
        change.note = note;
        change.persist();
        s.status = to;
        s.statusChangedAt = change.createdAt;
    }

    /** Hides a suggestion as a moderator would, with a reason. */
    @Transactional
    public void hide(long suggestionId) {
        em.createNativeQuery("update suggestion set hidden = true, hidden_reason = 'spam' where id = :id")
                .setParameter("id", suggestionId).executeUpdate();
    }

    @Transactional
    public void lock(long suggestionId) {
        em.createNativeQuery("update suggestion set locked = true where id = :id").setParameter("id", suggestionId)
                .executeUpdate();
    }

    @Transactional
    public void archive(long boardId) {
        em.createNativeQuery("update board set archived = true where id = :id").setParameter("id", boardId).executeUpdate();
    }

    /** Puts a suggestion above every other one in trending (other tests' suggestions may be fresher). */
    @Transactional
    public void topTrending(long suggestionId) {
        em.createNativeQuery("update suggestion set trending = (select max(trending) + 100 from suggestion) where id = :id")
                .setParameter("id", suggestionId).executeUpdate();
    }

    /** A comment or reply as the service would store it, counters included (without the author's follow). */
    @Transactional
    public Comment comment(long suggestionId, Member author, Long parentId, String body, boolean official) {
        Comment c = new Comment();
        c.suggestion = em.getReference(Suggestion.class, suggestionId);
        c.parent = parentId == null ? null : em.getReference(Comment.class, parentId);
        c.author = em.getReference(Member.class, author.id);
        c.body = body;
        c.bodyHtml = markdown.toHtml(body);
        c.official = official;
        c.createdAt = Instant.now();
        c.persist();
        em.createNativeQuery("update comment set program_id = (select program_id from suggestion where id = :s) where id = :id")
                .setParameter("s", suggestionId).setParameter("id", c.id).executeUpdate();
        em.createNativeQuery("update suggestion set comment_count = comment_count + 1 where id = :id")
                .setParameter("id", suggestionId).executeUpdate();
        if (official) {
            em.createNativeQuery("update suggestion set official_comment_id = :c where id = :id")
                    .setParameter("c", c.id).setParameter("id", suggestionId).executeUpdate();
        }
        if (parentId != null) {
            em.createNativeQuery("update comment set reply_count = reply_count + 1 where id = :id")
                    .setParameter("id", parentId).executeUpdate();
        }
        return c;
    }

    /** One number from the database, e.g. {@code count("select count(*) from vote where suggestion_id = ?1", id)}. */
    @Transactional
    public long number(String sql, Object... params) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        Object value = query.getSingleResult();
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Runs one writing statement, e.g. a follow the test needs. */
    @Transactional
    public int sql(String sql, Object... params) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query.executeUpdate();
    }

    /** One text from the database, or null. */
    @Transactional
    public String text(String sql, Object... params) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = query.getResultList();
        return rows.isEmpty() || rows.get(0) == null ? null : rows.get(0).toString();
    }

    /** The values of one column, in the order of the query. */
    @Transactional
    public List<Object> list(String sql, Object... params) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = query.getResultList();
        return rows;
    }

    /** The texts of one column, in the order of the query. */
    public List<String> texts(String sql, Object... params) {
        return list(sql, params).stream().map(v -> v == null ? null : v.toString()).toList();
    }

    /** A suggestion's counter column: vote_count, comment_count or follower_count. */
    public int counter(long suggestionId, String column) {
        if (!List.of("vote_count", "comment_count", "follower_count", "image_count", "log_count").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return (int) number("select " + column + " from suggestion where id = ?1", suggestionId);
    }

    @Transactional
    public double trending(long suggestionId) {
        return ((Number) em.createNativeQuery("select trending from suggestion where id = :id")
                .setParameter("id", suggestionId).getSingleResult()).doubleValue();
    }

    public long suggestionCount(long boardId) {
        return number("select suggestion_count from board where id = ?1", boardId);
    }

    public boolean follows(long suggestionId, String subject) {
        return number("""
                select count(*) from suggestion_follow f join member m on m.id = f.member_id
                where f.suggestion_id = ?1 and m.subject = ?2""", suggestionId, subject) == 1;
    }

    public boolean voted(long suggestionId, String subject) {
        return number("""
                select count(*) from vote v join member m on m.id = v.member_id
                where v.suggestion_id = ?1 and m.subject = ?2""", suggestionId, subject) == 1;
    }

    /** A follow by this member, counted as the app counts it. */
    @Transactional
    public void followAs(long suggestionId, Member member) {
        int added = em.createNativeQuery(
                "insert into suggestion_follow (suggestion_id, member_id) values (:s, :m) on conflict do nothing")
                .setParameter("s", suggestionId).setParameter("m", member.id).executeUpdate();
        if (added == 1) {
            em.createNativeQuery("update suggestion set follower_count = follower_count + 1 where id = :id")
                    .setParameter("id", suggestionId).executeUpdate();
        }
    }

    /** An official answer at a given time, as the service records it. */
    @Transactional
    public Comment officialAnswer(long suggestionId, Member staff, Instant at) {
        Comment c = comment(suggestionId, staff, null, "Official answer", true);
        c.createdAt = at.truncatedTo(ChronoUnit.MILLIS);
        em.createNativeQuery("update suggestion set first_response_at = coalesce(first_response_at, :at) where id = :id")
                .setParameter("at", c.createdAt).setParameter("id", suggestionId).executeUpdate();
        return c;
    }

    /**
     * A feature item in BACKLOG made by paula, linked to the suggestions as the service links them
     * (OPEN ones become UNDER_REVIEW) and with its demand computed.
     */
    @Transactional
    public long featureItem(String title, Long... suggestionIds) {
        Member pm = member("paula");
        long id = ((Number) em.createNativeQuery("""
                insert into feature_item (title, created_by_id) values (:t, :m) returning id""")
                .setParameter("t", title).setParameter("m", pm.id).getSingleResult()).longValue();
        for (Long s : suggestionIds) {
            em.createNativeQuery("update suggestion set feature_item_id = :f, status = case when status = 'OPEN'"
                    + " then 'UNDER_REVIEW' else status end where id = :s")
                    .setParameter("f", id).setParameter("s", s).executeUpdate();
        }
        // The app's own count: demand and the item's demand days (feature_demand_day) from its votes.
        featureDemand.recompute(id);
        return id;
    }

    /** An open SPAM report on a suggestion (or, with suggestionId null, on a comment) by this member. */
    @Transactional
    public void report(Long suggestionId, Long commentId, Member reporter) {
        String column = suggestionId != null ? "suggestion_id" : "comment_id";
        long target = suggestionId != null ? suggestionId : commentId;
        em.createNativeQuery("insert into report (" + column + ", reporter_id, reason) values (:t, :m, 'SPAM')")
                .setParameter("t", target).setParameter("m", reporter.id).executeUpdate();
        em.createNativeQuery("update " + (suggestionId != null ? "suggestion" : "comment")
                + " set open_reports = open_reports + 1 where id = :t").setParameter("t", target).executeUpdate();
    }

    /** Hidden as reports hide a suggestion, pending review. */
    @Transactional
    public void autoHide(long suggestionId) {
        em.createNativeQuery("update suggestion set hidden = true, hidden_by_reports = true, hidden_at = now() where id = :id")
                .setParameter("id", suggestionId).executeUpdate();
    }

    /** A silence or ban on a member, by alice, until a time (null: for good). */
    @Transactional
    public void sanction(Member member, String kind, Instant until, String reason) {
        em.createNativeQuery("""
                insert into sanction (member_id, kind, reason, starts_at, ends_at, created_by_id)
                values (:m, :k, :r, now() - interval '1 minute', :until, :by)""")
                .setParameter("m", member.id).setParameter("k", kind).setParameter("r", reason)
                .setParameter("until", until).setParameter("by", member("alice").id).executeUpdate();
    }

    @Transactional
    public void liftAll(String subject) {
        em.createNativeQuery("update sanction set lifted_at = now() where lifted_at is null and member_id ="
                + " (select id from member where subject = :s)").setParameter("s", subject).executeUpdate();
    }

    @Transactional
    public void grant(Member member, String role) {
        em.createNativeQuery("update member set local_roles = array_append(array_remove(local_roles, :r), :r) where id = :id")
                .setParameter("r", role).setParameter("id", member.id).executeUpdate();
    }

    @Transactional
    public void revoke(Member member, String role) {
        em.createNativeQuery("update member set local_roles = array_remove(local_roles, :r) where id = :id")
                .setParameter("r", role).setParameter("id", member.id).executeUpdate();
    }

    /** The member, joined {@code age} ago (for new-member limits). */
    @Transactional
    public Member memberSince(String subject, java.time.Duration age) {
        Member m = member(subject);
        em.createNativeQuery("update member set created_at = :at where id = :id")
                .setParameter("at", Instant.now().minus(age)).setParameter("id", m.id).executeUpdate();
        return m;
    }

    /** Hides a comment as a moderator would, with a reason. */
    @Transactional
    public void hideComment(long commentId) {
        em.createNativeQuery("update comment set hidden = true, hidden_reason = 'spam' where id = :id")
                .setParameter("id", commentId).executeUpdate();
    }

    /** An earlier version of a suggestion, as an edit keeps it: the old title and body in the history. */
    @Transactional
    public void revision(long suggestionId, Member editor, String oldTitle, String oldBody) {
        em.createNativeQuery("""
                insert into revision (suggestion_id, editor_id, title, body, written_at) values (:s, :m, :t, :b, now())""")
                .setParameter("s", suggestionId).setParameter("m", editor.id).setParameter("t", oldTitle)
                .setParameter("b", oldBody).executeUpdate();
        em.createNativeQuery("update suggestion set edited_at = now() where id = :id").setParameter("id", suggestionId)
                .executeUpdate();
    }

    /** The member keeps their honours private (the switch on /me). */
    @Transactional
    public void keepHonoursPrivate(Member member) {
        em.createNativeQuery("update member set honours_private = true where id = :id").setParameter("id", member.id)
                .executeUpdate();
    }

    /** Gives the member an e-mail address. */
    @Transactional
    public String email(Member member) {
        String email = member.subject + "@example.com";
        em.createNativeQuery("update member set email = :e where id = :id").setParameter("e", email)
                .setParameter("id", member.id).executeUpdate();
        return email;
    }

    /** The suggestion is merged into another, as a merge leaves it (status and pointer). */
    @Transactional
    public void mergedInto(long duplicateId, long survivorId) {
        em.createNativeQuery("update suggestion set status = 'MERGED', merged_into_id = :into, status_changed_at = now()"
                + " where id = :id").setParameter("into", survivorId).setParameter("id", duplicateId).executeUpdate();
    }
}
