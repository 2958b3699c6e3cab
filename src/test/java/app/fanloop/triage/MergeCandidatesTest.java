package app.fanloop.triage;

import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.search.SearchFixtures;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/** The similarity search offers PMs merge candidates, on the console and on the suggestion page. */
@QuarkusTest
class MergeCandidatesTest {

    @Inject
    SearchFixtures sf;

    @Inject
    Fixtures fx;

    /** A word no other test uses. */
    private static String word() {
        StringBuilder w = new StringBuilder("qm");
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        return w.toString();
    }

    private record Trio(Board board, Suggestion duplicate, Suggestion original, Suggestion unrelated) {
    }

    private Trio trio() {
        String w = word();
        Board board = sf.board();
        Member fan = sf.member(SearchFixtures.unique("fan"));
        Suggestion original = sf.suggestion(board, fan, "锁屏显示农历 " + w, "希望锁屏能显示农历日期");
        Suggestion duplicate = sf.suggestion(board, fan, "锁屏 农历 " + w, "锁屏上加个农历吧");
        Suggestion unrelated = sf.suggestion(board, fan, "Faster charging " + word(), "Charge faster please");
        return new Trio(board, duplicate, original, unrelated);
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void pm_sees_similar_suggestions_and_merges_into_one_with_a_click() {
        Trio t = trio();

        Document page = html(page().get(t.duplicate().duplicatesPath()).then().statusCode(200).extract().response());
        List<String> listed = page.select("ul.merge-candidates a.row-title").eachAttr("href");
        assertEquals("/suggestions/" + t.original().id, listed.get(0), "the closest look-alike first: " + listed);
        assertFalse(listed.contains("/suggestions/" + t.duplicate().id), "never itself");
        assertFalse(listed.contains("/suggestions/" + t.unrelated().id), "nor an unrelated one");
        Element merge = page.selectFirst("ul.merge-candidates li.row form");
        assertNotNull(merge);
        assertEquals(t.duplicate().mergePath(), merge.attr("action"));
        assertEquals(String.valueOf(t.original().id), merge.selectFirst("input[name=target]").val());
        assertNotNull(merge.selectFirst("input[name=csrf-token]"), "the form carries its CSRF field");

        form().formParam("target", t.original().id).post(t.duplicate().mergePath()).then().statusCode(303);
        assertEquals("MERGED", fx.text("select status from suggestion where id = ?1", t.duplicate().id));

        Document after = html(page().get(t.duplicate().duplicatesPath()).then().statusCode(200).extract().response());
        assertTrue(after.select("ul.merge-candidates a.row-title").isEmpty(), "a merged suggestion has nothing left to merge into");
        assertFalse(after.select("ul.merge-candidates li.empty").isEmpty());
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void htmx_gets_the_list_alone_and_the_console_and_suggestion_page_offer_it() {
        Trio t = trio();

        String fragment = page().header("HX-Request", "true").get(t.duplicate().duplicatesPath())
                .then().statusCode(200).extract().asString();
        assertFalse(fragment.contains("<html"), "no layout around the list");
        assertTrue(fragment.contains("ul class=\"list merge-candidates\""), fragment);
        assertTrue(fragment.contains("/suggestions/" + t.original().id), fragment);

        Document suggestion = html(page().get("/suggestions/" + t.duplicate().id).then().statusCode(200).extract().response());
        Element details = suggestion.selectFirst("details.duplicates");
        assertNotNull(details, "the merge card offers the look-alikes");
        assertEquals(t.duplicate().duplicatesPath(), details.attr("hx-get"));
        assertEquals(t.duplicate().duplicatesPath(), details.selectFirst("a").attr("href"), "and a link without JavaScript");

        Document console = html(page().get("/triage?board=" + t.board().id).then().statusCode(200).extract().response());
        assertNotNull(console.selectFirst("li.triage-row details.duplicates[hx-get=" + t.duplicate().duplicatesPath() + "]"));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void fans_cannot_ask_for_merge_candidates_nor_see_the_offer() {
        Trio t = trio();
        page().get(t.duplicate().duplicatesPath()).then().statusCode(403);
        Document suggestion = html(page().get("/suggestions/" + t.duplicate().id).then().statusCode(200).extract().response());
        assertNull(suggestion.selectFirst("details.duplicates"));
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void an_unknown_suggestion_is_a_404() {
        page().get("/suggestions/987654321/duplicates").then().statusCode(404);
    }
}
