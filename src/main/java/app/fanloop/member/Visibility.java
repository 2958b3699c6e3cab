package app.fanloop.member;

/**
 * The one rule for who may see a post (a suggestion, a comment, an official response, a revision
 * history, a merged duplicate): a shown post is public; a hidden one is seen only by admins and by
 * its author. Written here once, as a Java test and as the SQL and JPQL conditions made from the same
 * two facts, so every page, fragment, feed, search, export, notification and e-mail asks the same question.
 *
 * <p>Revision histories count as hidden content: what an admin edited out of a post is not public
 * afterwards (see {@link #mayReadHistory}). A ban takes the admin's sight away like every other power
 * (see {@link Viewer#isAdmin()}).
 */
public final class Visibility {

    private static final Visibility PUBLIC = new Visibility(false, null);
    private static final Visibility EVERYTHING = new Visibility(true, null);

    private final boolean admin;
    private final Long memberId;

    private Visibility(boolean admin, Long memberId) {
        this.admin = admin;
        this.memberId = memberId;
    }

    /** What a visitor (or anyone without privileges on hidden posts) sees: shown posts only. */
    public static Visibility publicOnly() {
        return PUBLIC;
    }

    /** What an admin in good standing sees: everything, hidden posts included. */
    public static Visibility everything() {
        return EVERYTHING;
    }

    /** What a member sees: shown posts and their own hidden ones. */
    public static Visibility member(long memberId) {
        return new Visibility(false, memberId);
    }

    /** May this reader see a post with these two facts? */
    public boolean maySee(boolean hidden, Long authorId) {
        return !hidden || admin || (memberId != null && memberId.equals(authorId));
    }

    /** A post's earlier versions: only its author and admins, whether or not the post is hidden now. */
    public boolean mayReadHistory(Long authorId) {
        return maySee(true, authorId);
    }

    /**
     * What only a member and admins see of that member: their hidden posts on their own profile and the
     * honours they keep private. The same two facts as a post's history.
     */
    public boolean seesPrivateOf(Long memberId) {
        return maySee(true, memberId);
    }

    /** Sees hidden posts of others (admins only). */
    public boolean seesHidden() {
        return admin;
    }

    /**
     * The native SQL condition for a post table aliased {@code alias} (columns {@code hidden} and
     * {@code author_id}). The member id is a number from the session, never user input, so it is
     * written into the condition; for visitors the condition is the plain {@code not hidden} that
     * the partial indexes are built on.
     */
    public String sql(String alias) {
        if (admin) {
            return "1 = 1";
        }
        if (memberId == null) {
            return "not " + alias + ".hidden";
        }
        return "(not " + alias + ".hidden or " + alias + ".author_id = " + memberId + ")";
    }

    /** The same condition in JPQL, for entities with {@code hidden} and {@code author}. */
    public String jpql(String alias) {
        if (admin) {
            return "1 = 1";
        }
        if (memberId == null) {
            return alias + ".hidden = false";
        }
        return "(" + alias + ".hidden = false or " + alias + ".author.id = " + memberId + ")";
    }

    /**
     * The rule for an audience rather than one reader (notifications, e-mail, digests): the post is
     * shown, or the recipient in {@code recipientColumn} wrote it. Admins get no notices of hidden
     * posts; they read them in the moderation queue.
     */
    public static String sqlForRecipient(String alias, String recipientColumn) {
        return "(not " + alias + ".hidden or " + alias + ".author_id = " + recipientColumn + ")";
    }

    /** The same as {@link #sqlForRecipient} in JPQL, for entities with {@code hidden} and {@code author}. */
    public static String jpqlForRecipient(String alias, String recipientExpression) {
        return "(" + alias + ".hidden = false or " + alias + ".author.id = " + recipientExpression + ")";
    }

    /** A post that is public to everyone: the condition for feeds, sitemaps, credits and counts shown to all. */
    public static String sqlPublic(String alias) {
        return PUBLIC.sql(alias);
    }

    /** The same as {@link #sqlPublic} in JPQL. */
    public static String jpqlPublic(String alias) {
        return PUBLIC.jpql(alias);
    }
}
