package app.fanloop.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one visibility rule as Java, SQL and JPQL, for a visitor, a member and an admin, without the application. */
class VisibilityConditionsTest {

    private static final long BOB = 7;
    private static final long CHEN = 8;

    @Test
    void a_visitor_sees_shown_posts_only_and_no_history() {
        Visibility visitor = Visibility.publicOnly();
        assertTrue(visitor.maySee(false, BOB));
        assertFalse(visitor.maySee(true, BOB));
        assertFalse(visitor.maySee(true, null));
        assertFalse(visitor.mayReadHistory(BOB));
        assertFalse(visitor.seesHidden());
    }

    @Test
    void a_member_sees_shown_posts_and_their_own_hidden_ones() {
        Visibility bob = Visibility.member(BOB);
        assertTrue(bob.maySee(false, CHEN));
        assertTrue(bob.maySee(true, BOB));
        assertFalse(bob.maySee(true, CHEN));
        assertFalse(bob.maySee(true, null));
        assertFalse(bob.seesHidden());
    }

    @Test
    void a_member_reads_the_history_of_their_own_posts_only() {
        Visibility bob = Visibility.member(BOB);
        assertTrue(bob.mayReadHistory(BOB));
        assertFalse(bob.mayReadHistory(CHEN));
    }

    @Test
    void an_admin_sees_everything_and_every_history() {
        Visibility admin = Visibility.everything();
        assertTrue(admin.maySee(true, CHEN));
        assertTrue(admin.maySee(false, CHEN));
        assertTrue(admin.mayReadHistory(CHEN));
        assertTrue(admin.seesHidden());
    }

    @Test
    void the_sql_condition_matches_each_reader() {
        assertEquals("not s.hidden", Visibility.publicOnly().sql("s"));
        assertEquals("(not c.hidden or c.author_id = 7)", Visibility.member(BOB).sql("c"));
        assertEquals("1 = 1", Visibility.everything().sql("s"));
        assertEquals(Visibility.publicOnly().sql("s"), Visibility.sqlPublic("s"));
    }

    @Test
    void the_jpql_condition_matches_each_reader() {
        assertEquals("s.hidden = false", Visibility.publicOnly().jpql("s"));
        assertEquals("(c.hidden = false or c.author.id = 7)", Visibility.member(BOB).jpql("c"));
        assertEquals("1 = 1", Visibility.everything().jpql("s"));
        assertEquals(Visibility.publicOnly().jpql("s"), Visibility.jpqlPublic("s"));
    }

    @Test
    void a_recipient_is_told_of_shown_posts_and_their_own_hidden_ones() {
        assertEquals("(not s.hidden or s.author_id = n.member_id)", Visibility.sqlForRecipient("s", "n.member_id"));
        assertEquals("(s.hidden = false or s.author.id = :m)", Visibility.jpqlForRecipient("s", ":m"));
    }
}
