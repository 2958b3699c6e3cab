package app.fanloop.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The one visibility rule as Java, SQL and JPQL, for a visitor, a member, a beta tester, a PM and an admin, without
 * the application.
 */
class VisibilityConditionsTest {

    private static final long BOB = 7;
    private static final long CHEN = 8;
    /** A beta program bob tests. */
    private static final long BETA = 41;
    /** Another program, which bob does not test. */
    private static final long OTHER = 42;

    @Test
    void a_visitor_sees_shown_posts_only_and_no_history() {
        Visibility visitor = Visibility.publicOnly();
        assertTrue(visitor.maySee(false, BOB, null));
        assertFalse(visitor.maySee(true, BOB, null));
        assertFalse(visitor.maySee(true, null, null));
        assertFalse(visitor.mayReadHistory(BOB, null));
        assertFalse(visitor.seesHidden());
    }

    @Test
    void a_member_sees_shown_posts_and_their_own_hidden_ones() {
        Visibility bob = Visibility.member(BOB);
        assertTrue(bob.maySee(false, CHEN, null));
        assertTrue(bob.maySee(true, BOB, null));
        assertFalse(bob.maySee(true, CHEN, null));
        assertFalse(bob.maySee(true, null, null));
        assertFalse(bob.seesHidden());
    }

    @Test
    void a_member_reads_the_history_of_their_own_posts_only() {
        Visibility bob = Visibility.member(BOB);
        assertTrue(bob.mayReadHistory(BOB, null));
        assertFalse(bob.mayReadHistory(CHEN, null));
    }

    @Test
    void an_admin_sees_everything_and_every_history() {
        Visibility admin = Visibility.everything();
        assertTrue(admin.maySee(true, CHEN, null));
        assertTrue(admin.maySee(false, CHEN, null));
        assertTrue(admin.mayReadHistory(CHEN, null));
        assertTrue(admin.seesHidden());
        assertTrue(admin.maySee(true, CHEN, BETA));
        assertTrue(admin.mayReadProgram(OTHER));
    }

    @Test
    void a_program_post_is_seen_by_its_testers_only_and_never_by_visitors_or_other_members() {
        Visibility tester = Visibility.member(BOB, false, new Long[] { BETA });
        assertTrue(tester.maySee(false, CHEN, BETA));
        assertTrue(tester.mayReadProgram(BETA));
        assertFalse(tester.maySee(false, CHEN, OTHER), "another program's post");
        assertFalse(tester.mayReadProgram(OTHER));
        assertFalse(tester.maySee(true, CHEN, BETA), "a hidden post stays hidden from testers");
        assertTrue(tester.maySee(true, BOB, BETA), "their own hidden post");

        assertFalse(Visibility.publicOnly().maySee(false, CHEN, BETA));
        assertFalse(Visibility.publicOnly().mayReadProgram(BETA));
        assertFalse(Visibility.member(CHEN).maySee(false, BOB, BETA), "a member who does not test it");
        assertFalse(Visibility.member(CHEN, false, new Long[0]).maySee(false, CHEN, BETA),
                "a removed tester, even for their own post");
    }

    @Test
    void a_pm_reads_every_program_but_not_others_hidden_posts() {
        Visibility pm = Visibility.member(CHEN, true, new Long[0]);
        assertTrue(pm.maySee(false, BOB, BETA));
        assertTrue(pm.maySee(false, BOB, OTHER));
        assertFalse(pm.maySee(true, BOB, BETA), "a PM is no admin");
        assertEquals("all", pm.programsKey());
    }

    @Test
    void the_sql_condition_matches_each_reader() {
        assertEquals("not s.hidden and s.program_id is null", Visibility.publicOnly().sql("s"));
        assertEquals("(not c.hidden or c.author_id = 7) and c.program_id is null", Visibility.member(BOB).sql("c"));
        assertEquals("(not s.hidden or s.author_id = 7) and (s.program_id is null or s.program_id = any('{41,42}'::bigint[]))",
                Visibility.member(BOB, false, new Long[] { OTHER, BETA, BETA }).sql("s"));
        assertEquals("(not s.hidden or s.author_id = 8)", Visibility.member(CHEN, true, new Long[] { BETA }).sql("s"));
        assertEquals("1 = 1", Visibility.everything().sql("s"));
        assertEquals(Visibility.publicOnly().sql("s"), Visibility.sqlPublic("s"));
        assertEquals("not s.hidden and (s.program_id is null or s.program_id = any('{41}'::bigint[]))",
                Visibility.publicIn(BETA).sql("s"));
        assertEquals(Visibility.publicOnly().sql("s"), Visibility.publicIn(null).sql("s"));
    }

    @Test
    void the_jpql_condition_matches_each_reader() {
        assertEquals("s.hidden = false and s.programId is null", Visibility.publicOnly().jpql("s"));
        assertEquals("(c.hidden = false or c.author.id = 7) and c.programId is null", Visibility.member(BOB).jpql("c"));
        assertEquals("(s.hidden = false or s.author.id = 7) and (s.programId is null or s.programId in (41))",
                Visibility.member(BOB, false, new Long[] { BETA }).jpql("s"));
        assertEquals("1 = 1", Visibility.everything().jpql("s"));
        assertEquals(Visibility.publicOnly().jpql("s"), Visibility.jpqlPublic("s"));
    }

    @Test
    void a_recipient_is_told_of_shown_posts_and_their_own_hidden_ones_of_programs_they_read() {
        String sql = Visibility.sqlForRecipient("s", "n.member_id");
        assertTrue(sql.startsWith("(not s.hidden or s.author_id = n.member_id) and (s.program_id is null or exists ("), sql);
        assertTrue(sql.contains("s.program_id = any(rm.beta_programs)"), sql);
        assertTrue(sql.contains("rm.local_roles && '{pm,admin}'") && sql.contains("rm.token_roles && '{pm,admin}'"),
                "staff by a grant or by the token: " + sql);
        String jpql = Visibility.jpqlForRecipient("s", ":m");
        assertTrue(jpql.startsWith("(s.hidden = false or s.author.id = :m) and (s.programId is null or exists ("), jpql);
    }

    @Test
    void copies_of_a_page_are_keyed_by_the_programs_a_member_reads() {
        assertEquals("", Visibility.publicOnly().programsKey());
        assertEquals("", Visibility.member(BOB).programsKey());
        assertEquals("41,42", Visibility.member(BOB, false, new Long[] { OTHER, BETA }).programsKey());
        assertEquals("all", Visibility.everything().programsKey());
    }
}
