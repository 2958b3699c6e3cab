package app.fanloop.member;

/**
 * What search engines may be shown (sitemap, index/noindex): the posts {@link Visibility#sqlPublic} makes public to
 * every visitor, and nothing of a closed beta program's private board ({@code program_id}, V67).
 * <p>
 * The program condition repeats what issue 20 adds to the visibility rule itself; once the rule has it, it is
 * harmless here (the planner drops a repeated condition) and may go.
 */
public final class Indexable {

    private Indexable() {
    }

    /** The native SQL condition for a post table ({@code suggestion}, {@code comment}) aliased {@code alias}. */
    public static String sqlPost(String alias) {
        return Visibility.sqlPublic(alias) + " and " + alias + ".program_id is null";
    }

    /** The condition for a board that visitors may read and that is offered to them (listed, not a private board). */
    public static String sqlBoard(String alias) {
        return "not " + alias + ".archived and " + alias + ".program_id is null";
    }

    /** The condition for a release visitors may read: published, and not (yet) private to a beta program. */
    public static String sqlRelease(String alias) {
        return alias + ".state = 'PUBLISHED' and " + alias + ".program_id is null";
    }
}
