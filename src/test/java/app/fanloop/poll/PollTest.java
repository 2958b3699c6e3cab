package app.fanloop.poll;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.multipart;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.poll.PollFixtures.Fan;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import app.fanloop.web.SiteConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * Polls on suggestions: posted with the suggestion, one ballot per member that can change until the poll closes,
 * multiple choice, closing by time and by staff, results hidden until voting when so set, the post's visibility,
 * the staff's CSV. Every member signs in with their own token from the dev OpenID Connect server.
 */
@QuarkusTest
class PollTest {

    private static final Pattern SUGGESTION_PATH = Pattern.compile("^/suggestions/(\\d+)$");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @Inject
    Fixtures fx;

    @Inject
    PollFixtures polls;

    @Inject
    SiteClock clock;

    @Inject
    SiteConfig site;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    // ---------------------------------------------------------------- Creating

    @Test
    void author_posts_a_suggestion_with_a_poll_and_everyone_sees_it() {
        Fan bob = polls.fan("bob");
        Board board = fx.board();

        Response created = as(bob, form()).formParam("kind", "SUGGESTION").formParam("title", unique("Lock screen"))
                .formParam("body", "Which style?").formParam("pollQuestion", "Which lock-screen style do you prefer?")
                .formParam("pollOption", "Classic clock").formParam("pollOption", "Big weather")
                .formParam("pollOption", "").formParam("pollOption", "")
                .formParam("pollResults", "ALWAYS")
                .post("/boards/" + board.slug + "/suggestions");

        assertEquals(303, created.statusCode(), created.asString());
        long id = idOf(created);
        Document doc = html(page().get("/suggestions/" + id).then().statusCode(200).extract().response());
        Element poll = doc.selectFirst("section#poll");
        assertNotNull(poll, "the poll shows on the suggestion");
        assertEquals("Poll Which lock-screen style do you prefer?", poll.selectFirst("h2").text());
        assertEquals(List.of("Classic clock", "Big weather"), poll.select(".poll-label").eachText());
        assertEquals(List.of("0 votes · 0%", "0 votes · 0%"), poll.select(".poll-count").eachText());
        assertNotNull(poll.selectFirst("a[href^=/login]"), "a visitor is asked to sign in to vote");
        assertEquals(1, fx.number("select count(*) from poll where suggestion_id = ?1", id));
    }

    @Test
    void a_poll_typed_in_the_multipart_form_is_taken_with_its_settings() {
        Fan bob = polls.fan("bob");
        Board board = fx.board();
        String closes = LocalDateTime.now(site.zone()).plusDays(3).withSecond(0).withNano(0).format(LOCAL);

        Response created = multipart().auth().oauth2(bob.token()).multiPart("kind", "SUGGESTION")
                .multiPart("title", unique("Widgets")).multiPart("body", "Pick yours")
                .multiPart("pollOption", "Clock").multiPart("pollOption", "Weather").multiPart("pollOption", "Steps")
                .multiPart("pollMultiple", "true").multiPart("pollClosesAt", closes)
                .multiPart("pollResults", "AFTER_VOTE")
                .post("/boards/" + board.slug + "/suggestions");

        assertEquals(303, created.statusCode(), created.asString());
        long id = idOf(created);
        assertEquals(List.of("Clock", "Weather", "Steps"),
                fx.texts("select o.label from poll_option o join poll p on p.id = o.poll_id where p.suggestion_id = ?1 order by o.position", id));
        assertEquals(List.of("true", "true"), fx.texts("select multiple::text from poll where suggestion_id = ?1 union all "
                + "select results_after_vote::text from poll where suggestion_id = ?1", id));
        Instant closesAt = LocalDateTime.parse(closes, LOCAL).atZone(site.zone()).toInstant();
        assertEquals(closesAt.getEpochSecond(),
                fx.number("select extract(epoch from closes_at)::bigint from poll where suggestion_id = ?1", id),
                "the closing time is read in the site's zone");
        Element poll = html(page().auth().oauth2(bob.token()).get("/suggestions/" + id).then().extract().response())
                .selectFirst("section#poll");
        assertEquals(3, poll.select("input[type=checkbox][name=option]").size(), "multiple choice takes checkboxes");
    }

    @Test
    void bad_poll_input_comes_back_with_errors_beside_the_fields_and_the_post_kept() {
        Fan bob = polls.fan("bob");
        Board board = fx.board();
        String title = unique("Typed and kept");

        Response tooFew = post(bob, board, title, "Only one");
        assertEquals(400, tooFew.statusCode());
        Document doc = html(tooFew);
        assertEquals("A poll needs at least 2 options", doc.selectFirst("#pollOptions-error").text());
        assertEquals(title, doc.selectFirst("#title").val(), "the post is kept");
        assertEquals("Only one", doc.selectFirst("#pollOption0").val(), "the option is kept");
        assertNotNull(doc.selectFirst("details#poll-fields[open]"), "the poll part is open");

        doc = html(post(bob, board, title, "Red", "", "Blue"));
        assertEquals("This option is empty: fill it in or clear the options after it",
                doc.selectFirst("#pollOption1-error").text());
        assertEquals("Blue", doc.selectFirst("#pollOption2").val());

        doc = html(post(bob, board, title, "Red", "red"));
        assertEquals("This option appears twice", doc.selectFirst("#pollOption1-error").text());

        String[] eleven = new String[11];
        for (int i = 0; i < eleven.length; i++) {
            eleven[i] = "Option " + i;
        }
        doc = html(post(bob, board, title, eleven));
        assertEquals("A poll can have at most 10 options", doc.selectFirst("#pollOptions-error").text());

        String past = LocalDateTime.now(site.zone()).minusHours(1).format(LOCAL);
        Response late = as(bob, form()).formParam("kind", "SUGGESTION").formParam("title", title).formParam("body", "b")
                .formParam("pollOption", "A").formParam("pollOption", "B").formParam("pollClosesAt", past)
                .post("/boards/" + board.slug + "/suggestions");
        assertEquals(400, late.statusCode());
        assertEquals("The closing time must be in the future", html(late).selectFirst("#pollClosesAt-error").text());
        assertEquals(past, html(late).selectFirst("#pollClosesAt").val());

        app.fanloop.web.Browser.Csrf csrf = app.fanloop.web.Browser.csrf();
        Response chinese = io.restassured.RestAssured.given().header("Accept-Language", "zh-CN").auth().oauth2(bob.token())
                .cookie(app.fanloop.web.Browser.CSRF_COOKIE, csrf.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam(app.fanloop.web.Browser.CSRF_FIELD, csrf.token()).formParam("kind", "SUGGESTION")
                .formParam("title", title).formParam("body", "b").formParam("pollOption", "仅一个")
                .post("/boards/" + board.slug + "/suggestions");
        assertEquals("投票至少需要 2 个选项", html(chinese).selectFirst("#pollOptions-error").text());

        assertEquals(0, fx.suggestionCount(board.id), "nothing was posted");
    }

    @Test
    void author_changes_the_poll_until_the_first_ballot_then_it_is_fixed() {
        Fan bob = polls.fan("bob");
        Fan chen = polls.fan("chen");
        Suggestion s = fx.suggestion(fx.board(), bob.member(), unique("Editable poll"));

        as(bob, form()).formParam("title", s.title).formParam("body", "Body").formParam("kind", "SUGGESTION")
                .formParam("pollOption", "One").formParam("pollOption", "Two")
                .post("/suggestions/" + s.id + "/edit").then().statusCode(303);
        assertEquals(List.of("One", "Two"), labels(s.id));

        as(bob, form()).formParam("title", s.title).formParam("body", "Body").formParam("kind", "SUGGESTION")
                .formParam("pollOption", "One").formParam("pollOption", "Two").formParam("pollOption", "Three")
                .post("/suggestions/" + s.id + "/edit").then().statusCode(303);
        assertEquals(List.of("One", "Two", "Three"), labels(s.id));

        ballot(chen, s.id, optionIds(s.id).get(0)).then().statusCode(303);

        as(bob, form()).formParam("title", s.title).formParam("body", "Body").formParam("kind", "SUGGESTION")
                .post("/suggestions/" + s.id + "/edit").then().statusCode(303);
        assertEquals(List.of("One", "Two", "Three"), labels(s.id), "a poll with ballots stays as it was voted on");
        Document form = html(page().auth().oauth2(bob.token()).get("/suggestions/" + s.id + "/edit").then().statusCode(200)
                .extract().response());
        assertEquals("This poll has votes or has closed: its options can no longer change.",
                form.selectFirst("#poll-fields .notice").text());
        assertEquals(0, form.select("input[name=pollOption]").size());
    }

    @Test
    void staff_add_a_poll_to_a_fans_post_and_others_may_not() {
        Fan bob = polls.fan("bob");
        Fan chen = polls.fan("chen");
        Fan paula = polls.pm("paula");
        Suggestion s = fx.suggestion(fx.board(), bob.member(), unique("Staff poll"));

        as(chen, form()).formParam("pollOption", "A").formParam("pollOption", "B")
                .post("/suggestions/" + s.id + "/poll/edit").then().statusCode(403);
        Response added = as(paula, form()).formParam("pollOption", "A").formParam("pollOption", "B")
                .post("/suggestions/" + s.id + "/poll/edit");
        assertEquals(303, added.statusCode());
        assertEquals("/suggestions/" + s.id + "#poll", location(added));
        assertEquals(List.of("A", "B"), labels(s.id));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'poll.edit' and target_id = ?1", s.id));

        Response refused = as(paula, form()).formParam("pollOption", "A")
                .post("/suggestions/" + s.id + "/poll/edit");
        assertEquals(400, refused.statusCode());
        assertEquals("A poll needs at least 2 options", html(refused).selectFirst("#pollOptions-error").text());
    }

    // ---------------------------------------------------------------- Ballots

    @Test
    void one_ballot_per_member_which_they_can_change_and_withdraw() {
        Fan bob = polls.fan("bob");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Single choice"));
        List<Long> options = polls.poll(s.id, false, false, null, "Red", "Blue", "Green");

        Response cast = ballot(bob, s.id, options.get(0));
        assertEquals(303, cast.statusCode());
        assertEquals("/suggestions/" + s.id + "#poll", location(cast));
        ballot(bob, s.id, options.get(0)).then().statusCode(303);
        assertEquals(1, polls.voters(s.id), "a repeated ballot is still one");
        assertEquals(1, polls.count(options.get(0)));

        ballot(bob, s.id, options.get(1)).then().statusCode(303);
        assertEquals(1, polls.voters(s.id));
        assertEquals(0, polls.count(options.get(0)));
        assertEquals(1, polls.count(options.get(1)));
        assertEquals(List.of("Blue"), polls.choices(s.id, bob.id()));

        Element poll = pollAs(bob, s.id);
        assertEquals("You voted for: Blue", poll.selectFirst(".poll-mine").text());
        assertEquals("Blue ✓ your choice", poll.selectFirst(".poll-option.chosen .poll-choice").text());
        assertTrue(poll.selectFirst("input[value=" + options.get(1) + "]").hasAttr("checked"));
        assertEquals(List.of("0 votes · 0%", "1 votes · 100%", "0 votes · 0%"), poll.select(".poll-count").eachText());
        assertEquals("Change my vote", poll.selectFirst("button[type=submit]").text());

        ballot(bob, s.id, options.get(0), options.get(1)).then().statusCode(400);
        assertEquals(List.of("Blue"), polls.choices(s.id, bob.id()), "a single-choice poll takes one option");

        Response none = as(bob, form()).post("/suggestions/" + s.id + "/poll/ballot");
        assertEquals(400, none.statusCode());
        assertEquals("Choose at least one", html(none).selectFirst("#poll-option-error").text());

        as(bob, form()).formParam("withdraw", "true").post("/suggestions/" + s.id + "/poll/ballot").then().statusCode(303);
        assertEquals(0, polls.voters(s.id));
        assertEquals(0, polls.count(options.get(1)));
        assertEquals(0, polls.ballotRows(s.id));
    }

    @Test
    void multiple_choice_takes_several_options_and_shares_are_of_the_voters() {
        Fan bob = polls.fan("bob");
        Fan chen = polls.fan("chen");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Multiple choice"));
        List<Long> options = polls.poll(s.id, true, false, null, "Clock", "Weather", "Steps");

        ballot(bob, s.id, options.get(0), options.get(1)).then().statusCode(303);
        ballot(chen, s.id, options.get(0)).then().statusCode(303);

        assertEquals(2, polls.voters(s.id));
        assertEquals(List.of(2L, 1L, 0L), List.of(polls.count(options.get(0)), polls.count(options.get(1)),
                polls.count(options.get(2))));
        Element poll = pollAs(bob, s.id);
        assertEquals("You voted for: Clock, Weather", poll.selectFirst(".poll-mine").text());
        assertEquals(List.of("2 votes · 100%", "1 votes · 50%", "0 votes · 0%"), poll.select(".poll-count").eachText());
        assertEquals(List.of("100.0", "50.0", "0.0"), poll.select("rect.poll-fill").eachAttr("width"),
                "the bars are drawn on the server");

        ballot(bob, s.id, options.get(2)).then().statusCode(303);
        assertEquals(List.of("Steps"), polls.choices(s.id, bob.id()));
        assertEquals(List.of(1L, 0L, 1L), List.of(polls.count(options.get(0)), polls.count(options.get(1)),
                polls.count(options.get(2))));
    }

    @Test
    void a_ballot_with_htmx_swaps_the_poll_in_place() {
        Fan bob = polls.fan("bob");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Htmx poll"));
        List<Long> options = polls.poll(s.id, false, false, null, "Yes", "No");

        Response swapped = as(bob, form()).header("HX-Request", "true").formParam("option", options.get(1))
                .post("/suggestions/" + s.id + "/poll/ballot");

        assertEquals(200, swapped.statusCode());
        Document fragment = html(swapped);
        assertNull(fragment.selectFirst("header.topbar"), "only the poll comes back");
        assertEquals("You voted for: No", fragment.selectFirst("section#poll .poll-mine").text());
    }

    @Test
    void an_empty_ballot_on_a_multiple_choice_poll_shows_why_with_and_without_htmx() {
        Fan bob = polls.fan("bob");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Empty ballot"));
        polls.poll(s.id, true, false, null, "Clock", "Weather", "Steps");

        // htmx swaps only a 2xx answer: the poll comes back in place with its message beside the options.
        Response swapped = as(bob, form()).header("HX-Request", "true").post("/suggestions/" + s.id + "/poll/ballot");
        assertEquals(200, swapped.statusCode(), "an answer htmx swaps in");
        Document fragment = html(swapped);
        assertNull(fragment.selectFirst("header.topbar"), "only the poll comes back");
        // Said by the page's one live region (static/access.js copies a swapped .error-text there), not by a second alert.
        Element error = fragment.selectFirst("section#poll .error-text#poll-option-error:not([role])");
        assertNotNull(error, "the message is in the swapped poll");
        assertEquals("Choose at least one", error.text());
        assertEquals("poll-option-error", fragment.selectFirst("section#poll form fieldset").attr("aria-describedby"));
        assertEquals(0, polls.voters(s.id), "nothing was recorded");

        // Without JavaScript: the page of the refused ballot, with the same message and the poll to vote again.
        Response plain = as(bob, form()).post("/suggestions/" + s.id + "/poll/ballot");
        assertEquals(400, plain.statusCode());
        Document page = html(plain);
        assertNotNull(page.selectFirst("header.topbar"), "a whole page");
        assertEquals("Choose at least one", page.selectFirst("section#poll #poll-option-error").text());
        assertEquals(3, page.select("section#poll form input[name=option]").size());
        assertEquals("/suggestions/" + s.id + "#poll", page.selectFirst("a[href$=#poll]").attr("href"));
        assertEquals(0, polls.voters(s.id));
    }

    @Test
    void the_board_list_marks_a_post_with_a_poll_in_the_readers_language() {
        Board board = fx.board();
        Suggestion withPoll = fx.suggestion(board, fx.someone(), unique("Listed with a poll"));
        Suggestion without = fx.suggestion(board, fx.someone(), unique("Listed without"));
        polls.poll(withPoll.id, false, false, null, "Yes", "No");

        Document list = html(page().get("/boards/" + board.slug + "?sort=new").then().statusCode(200).extract().response());
        Element marked = list.selectFirst("a.row-title[href=/suggestions/" + withPoll.id + "]").closest("li");
        Element marker = marked.selectFirst(".poll-marker");
        assertNotNull(marker, marked.html());
        assertEquals("Has a poll", marker.attr("title"));
        assertEquals("Has a poll", marker.selectFirst(".visually-hidden").text(), "read out by screen readers");
        assertNull(list.selectFirst("a.row-title[href=/suggestions/" + without.id + "]").closest("li").selectFirst(".poll-marker"));

        Document zh = html(io.restassured.RestAssured.given().header("Accept-Language", "zh-CN").get("/boards/" + board.slug + "?sort=new"));
        Element zhMarker = zh.selectFirst("a.row-title[href=/suggestions/" + withPoll.id + "]").closest("li")
                .selectFirst(".poll-marker");
        assertEquals("含投票", zhMarker.attr("title"));
    }

    @Test
    void a_silenced_member_cannot_vote() {
        Fan bob = polls.fan("bob");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Silenced"));
        List<Long> options = polls.poll(s.id, false, false, null, "Yes", "No");
        fx.sanction(bob.member(), "SILENCE", null, "cool off");

        ballot(bob, s.id, options.get(0)).then().statusCode(403);
        assertEquals(0, polls.voters(s.id));
        assertNull(pollAs(bob, s.id).selectFirst("form"), "no ballot form for a silenced member");
    }

    // ---------------------------------------------------------------- Closing

    @Test
    void a_poll_closes_when_its_time_has_passed() {
        Fan bob = polls.fan("bob");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Timed poll"));
        List<Long> options = polls.poll(s.id, false, false, clock.now().plus(Duration.ofHours(1)), "Yes", "No");
        ballot(bob, s.id, options.get(0)).then().statusCode(303);

        clock.advance(Duration.ofHours(2));

        ballot(bob, s.id, options.get(1)).then().statusCode(409);
        as(bob, form()).formParam("withdraw", "true").post("/suggestions/" + s.id + "/poll/ballot").then().statusCode(409);
        assertEquals(List.of("Yes"), polls.choices(s.id, bob.id()), "the ballot stands as it was at closing");
        Element poll = pollAs(bob, s.id);
        assertTrue(poll.selectFirst(".poll-meta").text().contains("Closed on"), poll.selectFirst(".poll-meta").text());
        assertNull(poll.selectFirst("form[action$=/ballot]"), "no ballot form once closed");
    }

    @Test
    void staff_close_a_poll_early_with_an_audit_entry_and_fans_may_not() {
        Fan bob = polls.fan("bob");
        Fan paula = polls.pm("paula");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Close early"));
        List<Long> options = polls.poll(s.id, false, false, null, "Yes", "No");

        as(bob, form()).post("/suggestions/" + s.id + "/poll/close").then().statusCode(403);
        assertNotNull(pollAs(paula, s.id).selectFirst("form[action$=/poll/close]"), "staff see the close button");

        Response closed = as(paula, form()).post("/suggestions/" + s.id + "/poll/close");
        assertEquals(303, closed.statusCode());
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'poll.close' and target_type = 'suggestion'"
                + " and target_id = ?1 and actor_id = ?2", s.id, paula.id()));
        as(paula, form()).post("/suggestions/" + s.id + "/poll/close").then().statusCode(409);

        ballot(bob, s.id, options.get(0)).then().statusCode(409);
        assertTrue(pollAs(bob, s.id).selectFirst(".poll-meta").text().contains("Closed early by staff"));
    }

    // ---------------------------------------------------------------- Results

    @Test
    void results_after_voting_stay_hidden_until_the_member_voted_or_the_poll_closed() {
        Fan bob = polls.fan("bob");
        Fan chen = polls.fan("chen");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Secret results"));
        List<Long> options = polls.poll(s.id, false, true, clock.now().plus(Duration.ofDays(1)), "Yes", "No");
        ballot(chen, s.id, options.get(0)).then().statusCode(303);

        Element bobSees = pollAs(bob, s.id);
        assertTrue(bobSees.select(".poll-count").isEmpty(), "no counts before voting");
        assertTrue(bobSees.select("svg.poll-bar").isEmpty());
        assertEquals("Results show once you have voted, or when the poll closes.",
                bobSees.selectFirst(".poll-hidden-results").text());
        Element visitorSees = html(page().get("/suggestions/" + s.id).then().extract().response()).selectFirst("section#poll");
        assertTrue(visitorSees.select(".poll-count").isEmpty(), "nor for visitors");
        var api = io.restassured.RestAssured.given().auth().oauth2(bob.token()).get("/api/v1/suggestions/" + s.id + "/poll")
                .then().statusCode(200).extract().jsonPath();
        assertFalse(api.getBoolean("resultsShown"));
        assertEquals(java.util.Arrays.asList(null, null), api.getList("options.count"), "nor in the API");

        assertEquals(List.of("1 votes · 100%", "0 votes · 0%"), pollAs(chen, s.id).select(".poll-count").eachText(),
                "a member who voted sees the results");

        ballot(bob, s.id, options.get(1)).then().statusCode(303);
        assertEquals(List.of("1 votes · 50%", "1 votes · 50%"), pollAs(bob, s.id).select(".poll-count").eachText());

        clock.advance(Duration.ofDays(2));
        assertEquals(List.of("1 votes · 50%", "1 votes · 50%"),
                html(page().get("/suggestions/" + s.id).then().extract().response()).select("section#poll .poll-count").eachText(),
                "everyone sees the results once the poll closed");
    }

    // ---------------------------------------------------------------- Visibility

    @Test
    void a_hidden_post_hides_its_poll_everywhere() {
        Fan bob = polls.fan("bob");
        Fan chen = polls.fan("chen");
        Fan paula = polls.pm("paula");
        Suggestion s = fx.suggestion(fx.board(), bob.member(), unique("Hidden poll"));
        List<Long> options = polls.poll(s.id, false, false, null, "Yes", "No");
        fx.hide(s.id);

        ballot(chen, s.id, options.get(0)).then().statusCode(404);
        page().auth().oauth2(chen.token()).get("/suggestions/" + s.id).then().statusCode(404);
        page().get("/api/v1/suggestions/" + s.id + "/poll").then().statusCode(404);
        page().auth().oauth2(chen.token()).get("/api/v1/suggestions/" + s.id + "/poll").then().statusCode(404);
        page().auth().oauth2(paula.token()).get("/suggestions/" + s.id + "/poll/results.csv").then().statusCode(404);
        assertEquals(0, polls.voters(s.id));

        assertNotNull(pollAs(bob, s.id), "its author still sees their hidden post and its poll");
    }

    @Test
    void a_locked_post_takes_no_ballots() {
        Fan bob = polls.fan("bob");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Locked poll"));
        List<Long> options = polls.poll(s.id, false, false, null, "Yes", "No");
        fx.lock(s.id);

        ballot(bob, s.id, options.get(0)).then().statusCode(409);
        assertEquals(0, polls.voters(s.id));
        assertNull(pollAs(bob, s.id).selectFirst("form[action$=/ballot]"));
    }

    @Test
    void a_ballot_names_an_option_of_this_poll() {
        Fan bob = polls.fan("bob");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Own options"));
        Suggestion other = fx.suggestion(fx.board(), fx.someone(), unique("Other poll"));
        polls.poll(s.id, false, false, null, "Yes", "No");
        List<Long> foreign = polls.poll(other.id, false, false, null, "Elsewhere", "Too");

        ballot(bob, s.id, foreign.get(0)).then().statusCode(400);
        assertEquals(0, polls.voters(s.id));
        assertEquals(0, polls.count(foreign.get(0)));
        Suggestion none = fx.suggestion(fx.board(), fx.someone(), unique("No poll"));
        ballot(bob, none.id, foreign.get(0)).then().statusCode(404);
    }

    @Test
    void purging_the_post_takes_its_poll_and_ballots_with_it() {
        Fan bob = polls.fan("bob");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Purged poll"));
        List<Long> options = polls.poll(s.id, false, false, null, "Yes", "No");
        ballot(bob, s.id, options.get(0)).then().statusCode(303);

        // What ModerationService's purge runs: one delete, the rest by cascade.
        fx.sql("delete from suggestion where id = ?1", s.id);

        assertEquals(0, fx.number("select count(*) from poll where suggestion_id = ?1", s.id));
        assertEquals(0, fx.number("select count(*) from poll_option where id = ?1", options.get(0)));
        assertEquals(0, fx.number("select count(*) from poll_choice where option_id = ?1", options.get(0)));
        page().get("/api/v1/suggestions/" + s.id + "/poll").then().statusCode(404);
    }

    // ---------------------------------------------------------------- Export and API

    @Test
    void staff_export_the_results_as_csv_without_voters_and_fans_may_not() {
        Fan bob = polls.fan("bob");
        Fan chen = polls.fan("chen");
        Fan paula = polls.pm("paula");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Export"));
        List<Long> options = polls.poll(s.id, false, true, null, "=SUM(A1)", "Plain, with comma");
        ballot(bob, s.id, options.get(0)).then().statusCode(303);
        ballot(chen, s.id, options.get(1)).then().statusCode(303);

        page().auth().oauth2(bob.token()).get("/suggestions/" + s.id + "/poll/results.csv").then().statusCode(403);
        org.junit.jupiter.api.Assertions.assertNotEquals(200,
                page().get("/suggestions/" + s.id + "/poll/results.csv").statusCode(), "visitors get no export");

        Response csv = page().auth().oauth2(paula.token()).get("/suggestions/" + s.id + "/poll/results.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertEquals("option,count,share\r\n'=SUM(A1),1,50.0%\r\n\"Plain, with comma\",1,50.0%\r\n", csv.asString());
        assertFalse(csv.asString().contains(bob.member().name), "no voter is named");
    }

    @Test
    void the_api_shows_the_poll_in_the_suggestion_and_takes_ballots() {
        Fan bob = polls.fan("bob");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Api poll"));
        List<Long> options = polls.poll(s.id, true, false, null, "A", "B");

        io.restassured.RestAssured.given().auth().oauth2(bob.token()).contentType("application/json")
                .body("{\"options\": [" + options.get(0) + ", " + options.get(1) + "]}")
                .put("/api/v1/suggestions/" + s.id + "/poll/ballot").then().statusCode(200);

        var json = io.restassured.RestAssured.given().auth().oauth2(bob.token()).get("/api/v1/suggestions/" + s.id)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, json.getInt("poll.voters"));
        assertEquals(List.of("A", "B"), json.getList("poll.options.label"));
        assertEquals(List.of(1, 1), json.getList("poll.options.count"));
        assertEquals(List.of(options.get(0).intValue(), options.get(1).intValue()), json.getList("poll.mine"));

        io.restassured.RestAssured.given().auth().oauth2(bob.token()).contentType("application/json")
                .body("{\"options\": []}").put("/api/v1/suggestions/" + s.id + "/poll/ballot").then().statusCode(422);
        io.restassured.RestAssured.given().auth().oauth2(bob.token())
                .delete("/api/v1/suggestions/" + s.id + "/poll/ballot").then().statusCode(200);
        assertEquals(0, polls.voters(s.id));

        Suggestion plain = fx.suggestion(fx.board(), fx.someone(), unique("No poll api"));
        assertNull(io.restassured.RestAssured.given().get("/api/v1/suggestions/" + plain.id).then().statusCode(200)
                .extract().jsonPath().get("poll"));
    }

    // ---------------------------------------------------------------- Helpers

    private static RequestSpecification as(Fan fan, RequestSpecification request) {
        return request.auth().oauth2(fan.token());
    }

    private static Response ballot(Fan fan, long suggestionId, Long... options) {
        RequestSpecification request = as(fan, form());
        for (Long option : options) {
            request.formParam("option", option);
        }
        return request.post("/suggestions/" + suggestionId + "/poll/ballot");
    }

    private static Element pollAs(Fan fan, long suggestionId) {
        return html(page().auth().oauth2(fan.token()).get("/suggestions/" + suggestionId).then().statusCode(200).extract()
                .response()).selectFirst("section#poll");
    }

    private static Response post(Fan fan, Board board, String title, String... options) {
        RequestSpecification request = as(fan, form()).formParam("kind", "SUGGESTION").formParam("title", title)
                .formParam("body", "Kept body");
        for (String option : options) {
            request.formParam("pollOption", option);
        }
        return request.post("/boards/" + board.slug + "/suggestions");
    }

    private List<String> labels(long suggestionId) {
        return fx.texts("select o.label from poll_option o join poll p on p.id = o.poll_id where p.suggestion_id = ?1"
                + " order by o.position", suggestionId);
    }

    private List<Long> optionIds(long suggestionId) {
        return fx.list("select o.id from poll_option o join poll p on p.id = o.poll_id where p.suggestion_id = ?1"
                + " order by o.position", suggestionId).stream().map(v -> ((Number) v).longValue()).toList();
    }

    static long idOf(Response created) {
        Matcher m = SUGGESTION_PATH.matcher(location(created));
        assertTrue(m.matches(), "redirect to the new suggestion: " + location(created));
        return Long.parseLong(m.group(1));
    }
}
