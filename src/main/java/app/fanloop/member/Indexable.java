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

    /**
     * The condition for a member whose public profile ({@code /members/{id}}) search engines may show, for a member
     * table aliased {@code alias}, with {@code now} the SQL expression of the site's time ({@code :now} in a JPA
     * query). The one rule for the profile's tags and the sitemap's members files: a person (not an integration's
     * bot), not banned now ({@link ActiveSanction#banInForceSql}), who shows their honours (else the page is bare:
     * name and level only), and whose page is not thin: a bio, or at least one public suggestion (what the page lists).
     */
    public static String sqlMember(String alias, String now) {
        return "not " + alias + ".bot and not " + alias + ".honours_private and not "
                + ActiveSanction.banInForceSql(alias + ".id").replace(":now", now)
                + " and (" + alias + ".bio <> '' or " + sqlHasPublicSuggestion(alias) + ")";
    }

    /** The member in {@code alias} wrote a suggestion visitors may read (one step on the suggestion_author index). */
    private static String sqlHasPublicSuggestion(String alias) {
        return "exists (select 1 from suggestion ms where ms.author_id = " + alias + ".id and " + sqlPost("ms") + ")";
    }

    /**
     * The time of the member's newest suggestion visitors may read (null: none), as an SQL expression: the
     * profile's last visible change, read backwards on the suggestion_author index.
     */
    public static String sqlMemberLastmod(String alias) {
        return "(select max(ls.created_at) from suggestion ls where ls.author_id = " + alias + ".id and " + sqlPost("ls") + ")";
    }

    /** The condition for a release visitors may read: published, and not (yet) private to a beta program. */
    public static String sqlRelease(String alias) {
        return alias + ".state = 'PUBLISHED' and " + alias + ".program_id is null";
    }
}
