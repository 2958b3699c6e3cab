package app.fanloop.search;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.logging.Logger;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The committed corpus (60 suggestions in Chinese, English and both) and 51 queries with the
 * results a person expects: precision@5 at least 0.8, recall@5 at least 0.8, and every expected
 * first result among the first three. See src/test/resources/search/README.md for the measures.
 */
@QuarkusTest
class SearchRelevanceTest {

    private static final Logger LOG = Logger.getLogger(SearchRelevanceTest.class);

    record Doc(String key, String kind, String title, String body, int votes, String deviceModel,
            String systemVersion, String steps) {
    }

    record RelevanceQuery(String q, List<String> relevant, String first, String why) {
    }

    record Score(double precision, double strictPrecision, double recall, int firstRank) {
        static Score of(List<String> results, RelevanceQuery query) {
            List<String> top = results.subList(0, Math.min(5, results.size()));
            long hits = top.stream().filter(query.relevant()::contains).count();
            return new Score(top.isEmpty() ? 0 : (double) hits / top.size(), hits / 5.0,
                    (double) hits / Math.min(5, query.relevant().size()), results.indexOf(query.first()) + 1);
        }

        boolean firstInTop3() {
            return firstRank >= 1 && firstRank <= 3;
        }
    }

    @Inject
    SearchFixtures sf;

    @Test
    void corpus_queries_find_what_people_expect() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Doc> corpus = json.readValue(resource("/search/corpus.json"), new TypeReference<List<Doc>>() {
        });
        List<RelevanceQuery> queries = json.readValue(resource("/search/queries.json"),
                new TypeReference<List<RelevanceQuery>>() {
                });
        Board board = sf.board();
        Member author = sf.member(SearchFixtures.unique("corpus"));
        Map<Long, String> keys = new HashMap<>();
        for (Doc doc : corpus) {
            Suggestion s = sf.suggestion(board, author, SuggestionKind.valueOf(doc.kind()), doc.title(),
                    doc.body(), doc.deviceModel(), doc.systemVersion(), doc.steps(), doc.votes(), SuggestionStatus.OPEN);
            keys.put(s.id, doc.key());
        }
        assertEquals(60, keys.size());
        assertTrue(queries.size() >= 30);

        StringBuilder report = new StringBuilder("""
                # Search relevance on the committed corpus

                | query | why | first five results | P@5 | strict P@5 | R@5 | first at | LIKE P@5 | LIKE R@5 | LIKE first at |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        double precision = 0;
        double strict = 0;
        double recall = 0;
        double likePrecision = 0;
        double likeRecall = 0;
        int firstInTop3 = 0;
        int likeFirstInTop3 = 0;
        List<String> failures = new ArrayList<>();
        for (RelevanceQuery query : queries) {
            List<String> results = search(query.q(), board.slug).stream().map(keys::get).toList();
            List<String> like = sf.like(board.id, query.q()).stream().map(keys::get).toList();
            Score score = Score.of(results, query);
            Score likeScore = Score.of(like, query);
            precision += score.precision();
            strict += score.strictPrecision();
            recall += score.recall();
            likePrecision += likeScore.precision();
            likeRecall += likeScore.recall();
            firstInTop3 += score.firstInTop3() ? 1 : 0;
            likeFirstInTop3 += likeScore.firstInTop3() ? 1 : 0;
            if (!score.firstInTop3()) {
                failures.add(query.q() + ": expected " + query.first() + " in the top 3, got " + results);
            }
            if (query.why().equals("like-trap") && like.stream().allMatch(query.relevant()::contains)) {
                failures.add(query.q() + " is no LIKE trap: LIKE finds only " + like);
            }
            if (query.why().equals("seg") && like.stream().anyMatch(query.relevant()::contains)) {
                failures.add(query.q() + " needs no segmentation: LIKE finds " + like);
            }
            report.append("| ").append(query.q()).append(" | ").append(query.why()).append(" | ")
                    .append(String.join(", ", results.subList(0, Math.min(5, results.size()))))
                    .append(String.format(Locale.ROOT, " | %.2f | %.2f | %.2f | %s | %.2f | %.2f | %s |%n",
                            score.precision(), score.strictPrecision(), score.recall(), rank(score),
                            likeScore.precision(), likeScore.recall(), rank(likeScore)));
        }
        int n = queries.size();
        report.append(String.format(Locale.ROOT, """

                | | search | LIKE '%%query%%' |
                |---|---|---|
                | queries | %d | %d |
                | mean precision@5 | %.3f | %.3f |
                | mean strict precision@5 | %.3f | |
                | mean recall@5 | %.3f | %.3f |
                | expected first result in the top 3 | %d of %d | %d of %d |
                """, n, n, precision / n, likePrecision / n, strict / n, recall / n, likeRecall / n, firstInTop3, n,
                likeFirstInTop3, n));
        Files.writeString(Path.of("target", "search-relevance.md"), report, StandardCharsets.UTF_8);
        LOG.info(report);

        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(precision / n >= 0.8, "mean precision@5 " + precision / n);
        assertTrue(recall / n >= 0.8, "mean recall@5 " + recall / n);
    }

    private static String rank(Score score) {
        return score.firstRank() == 0 ? "–" : String.valueOf(score.firstRank());
    }

    /** The ids of the results on the search page, in order. */
    private static List<Long> search(String q, String board) {
        String html = given().header("Accept-Language", "zh").queryParam("q", q).queryParam("board", board)
                .when().get("/search").then().statusCode(200).extract().asString();
        return Jsoup.parse(html).select("li.search-hit a.row-title").stream()
                .map(a -> Long.parseLong(a.attr("href").replaceAll("^/suggestions/(\\d+).*$", "$1")))
                .toList();
    }

    private static InputStream resource(String name) {
        return SearchRelevanceTest.class.getResourceAsStream(name);
    }
}
