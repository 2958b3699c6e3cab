package app.fanloop.member;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The one rule for who may see a post (a suggestion, a comment, an official response, a revision
 * history, a merged duplicate, a release note): three facts about the reader.
 * <ul>
 * <li>Hidden posts: a shown post is public; a hidden one is seen only by admins and by its author.</li>
 * <li>Beta programs (内测): a post of a program's private board (its {@code program_id}) is read only by the
 * program's testers (the member's {@code beta_programs}, read with the member on every request) and by staff
 * (PMs and admins in good standing), whatever its hidden state says. A post without a program is left to the
 * first fact.</li>
 * </ul>
 * Written here once, as a Java test and as the SQL and JPQL conditions made from the same facts, so every
 * page, fragment, feed, search, export, notification and e-mail asks the same question.
 *
 * <p>Revision histories count as hidden content: what an admin edited out of a post is not public
 * afterwards (see {@link #mayReadHistory}). A ban takes the admin's sight away like every other power
 * (see {@link Viewer#isAdmin()}).
 */
public final class Visibility {

    private static final long[] NONE = new long[0];
    private static final Visibility PUBLIC = new Visibility(false, null, false, NONE);
    private static final Visibility EVERYTHING = new Visibility(true, null, true, NONE);

    private final boolean admin;
    private final Long memberId;
    /** Staff read every program's private board. */
    private final boolean allPrograms;
    /** The programs whose private boards the reader may read, sorted, without repeats. */
    private final long[] programs;

    private Visibility(boolean admin, Long memberId, boolean allPrograms, long[] programs) {
        this.admin = admin;
        this.memberId = memberId;
        this.allPrograms = allPrograms;
        this.programs = programs;
    }

    /** What a visitor (or anyone without privileges on hidden posts) sees: shown posts outside programs only. */
    public static Visibility publicOnly() {
        return PUBLIC;
    }

    /** What an admin in good standing sees: everything, hidden posts and every program included. */
    public static Visibility everything() {
        return EVERYTHING;
    }

    /** What a member without any program sees: shown public posts and their own hidden ones. */
    public static Visibility member(long memberId) {
        return new Visibility(false, memberId, false, NONE);
    }

    /**
     * What a member sees: shown posts and their own hidden ones, of no program but those they test
     * ({@code programs}), or of every program when they are staff.
     */
    public static Visibility member(long memberId, boolean staff, Long[] programs) {
        return new Visibility(false, memberId, staff, staff ? NONE : normalized(programs));
    }

    /**
     * What every reader admitted to one program's board sees of it: its shown posts (a program's board page and
     * its feed are one list shared by all its readers; the board itself is guarded by {@link #mayReadProgram}).
     * A null program is {@link #publicOnly()}.
     */
    public static Visibility publicIn(Long programId) {
        return programId == null ? PUBLIC : new Visibility(false, null, false, new long[] { programId });
    }

    private static long[] normalized(Long[] programs) {
        if (programs == null || programs.length == 0) {
            return NONE;
        }
        return Arrays.stream(programs).filter(p -> p != null).mapToLong(Long::longValue).sorted().distinct().toArray();
    }

    /** May this reader read the posts of this program's private board (null: no program, everyone)? */
    public boolean mayReadProgram(Long programId) {
        return programId == null || allPrograms || Arrays.binarySearch(programs, programId) >= 0;
    }

    /** May this reader see a post with these three facts? */
    public boolean maySee(boolean hidden, Long authorId, Long programId) {
        return mayReadProgram(programId) && (!hidden || admin || (memberId != null && memberId.equals(authorId)));
    }

    /** A post's earlier versions: only its author and admins, whether or not the post is hidden now. */
    public boolean mayReadHistory(Long authorId, Long programId) {
        return maySee(true, authorId, programId);
    }

    /**
     * What only a member and admins see of that member: their hidden posts on their own profile and the
     * honours they keep private.
     */
    public boolean seesPrivateOf(Long memberId) {
        return admin || (this.memberId != null && this.memberId.equals(memberId));
    }

    /** Sees hidden posts of others (admins only). */
    public boolean seesHidden() {
        return admin;
    }

    /**
     * What distinguishes this reader's program access, for a copy of a page shared between readers
     * (web/PageCache): readers with the same key see the same programs. Empty for no program.
     */
    public String programsKey() {
        if (allPrograms) {
            return "all";
        }
        return LongStream.of(programs).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    /**
     * The native SQL condition for a post table aliased {@code alias} (columns {@code hidden}, {@code author_id}
     * and {@code program_id}). The member id and program ids are numbers from the session, never user input, so
     * they are written into the condition; for visitors the condition is {@code not hidden} (what the partial
     * indexes are built on) and no program.
     */
    public String sql(String alias) {
        String shown = admin ? null
                : memberId == null ? "not " + alias + ".hidden"
                : "(not " + alias + ".hidden or " + alias + ".author_id = " + memberId + ")";
        return and(shown, allPrograms ? null : sqlProgram(alias));
    }

    /** The same condition in JPQL, for entities with {@code hidden}, {@code author} and {@code programId}. */
    public String jpql(String alias) {
        String shown = admin ? null
                : memberId == null ? alias + ".hidden = false"
                : "(" + alias + ".hidden = false or " + alias + ".author.id = " + memberId + ")";
        return and(shown, allPrograms ? null : jpqlProgram(alias));
    }

    /**
     * The program condition alone, for rows that have a program but no author or hidden state (a release note,
     * a board: column {@code program_id}).
     */
    public String sqlProgram(String alias) {
        if (allPrograms) {
            return "1 = 1";
        }
        return programs.length == 0 ? alias + ".program_id is null"
                : "(" + alias + ".program_id is null or " + alias + ".program_id = any('{" + programsKey() + "}'::bigint[]))";
    }

    /** {@link #sqlProgram} in JPQL, for entities with {@code programId}. */
    public String jpqlProgram(String alias) {
        if (allPrograms) {
            return "1 = 1";
        }
        return programs.length == 0 ? alias + ".programId is null"
                : "(" + alias + ".programId is null or " + alias + ".programId in (" + programsKey() + "))";
    }

    private static String and(String a, String b) {
        if (a == null && b == null) {
            return "1 = 1";
        }
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " and " + b;
    }

    /**
     * The rule for an audience rather than one reader (notifications, e-mail, digests): the post is
     * shown, or the recipient in {@code recipientColumn} wrote it; and the recipient reads its program
     * ({@link #sqlReadsProgram}). Admins get no notices of hidden posts; they read them in the moderation queue.
     */
    public static String sqlForRecipient(String alias, String recipientColumn) {
        return "(not " + alias + ".hidden or " + alias + ".author_id = " + recipientColumn + ") and "
                + sqlReadsProgram(alias + ".program_id", recipientColumn);
    }

    /**
     * Whether the member in {@code memberColumn} may read the program in {@code programColumn}: no program, or
     * they test it (their {@code beta_programs}), or they are staff by a local grant or by the roles their token
     * carried last time (the roles a member signs in with are the union of both; see {@link Member#holdsStaffRole}).
     */
    public static String sqlReadsProgram(String programColumn, String memberColumn) {
        return "(" + programColumn + " is null or exists (select 1 from member rm where rm.id = " + memberColumn
                + " and (" + programColumn + " = any(rm.beta_programs) or rm.local_roles && '{pm,admin}'::varchar[]"
                + " or rm.token_roles && '{pm,admin}'::varchar[])))";
    }

    /** The same as {@link #sqlForRecipient} in JPQL, for entities with {@code hidden}, {@code author} and {@code programId}. */
    public static String jpqlForRecipient(String alias, String recipientExpression) {
        return "(" + alias + ".hidden = false or " + alias + ".author.id = " + recipientExpression + ") and "
                + jpqlReadsProgram(alias + ".programId", recipientExpression);
    }

    /** {@link #sqlReadsProgram} in JPQL. */
    public static String jpqlReadsProgram(String programExpression, String memberExpression) {
        return "(" + programExpression + " is null or exists (select 1 from Member rm where rm.id = " + memberExpression
                + " and (array_contains(rm.betaPrograms, " + programExpression + ")"
                + " or array_contains(rm.localRoles, 'pm') or array_contains(rm.localRoles, 'admin')"
                + " or array_contains(rm.tokenRoles, 'pm') or array_contains(rm.tokenRoles, 'admin'))))";
    }

    /** A post that is public to everyone: the condition for feeds, sitemaps, credits and lists shown to all. */
    public static String sqlPublic(String alias) {
        return PUBLIC.sql(alias);
    }

    /** The same as {@link #sqlPublic} in JPQL. */
    public static String jpqlPublic(String alias) {
        return PUBLIC.jpql(alias);
    }
}
