package app.fanloop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pager rule, without the application. */
class PagesTest {

    @Test
    void no_page_asked_is_the_first_page() {
        assertEquals(1, Pages.clamp(null, 200));
    }

    @Test
    void a_page_inside_the_range_is_kept() {
        assertEquals(1, Pages.clamp(1, 200));
        assertEquals(7, Pages.clamp(7, 200));
        assertEquals(200, Pages.clamp(200, 200));
    }

    @Test
    void zero_and_negative_pages_are_the_first_page() {
        assertEquals(1, Pages.clamp(0, 200));
        assertEquals(1, Pages.clamp(-5, 200));
        assertEquals(1, Pages.clamp(Integer.MIN_VALUE, 200));
    }

    @Test
    void a_page_past_the_limit_is_the_last_allowed_page() {
        assertEquals(200, Pages.clamp(201, 200));
        assertEquals(1000, Pages.clamp(Integer.MAX_VALUE, 1000));
    }
}
