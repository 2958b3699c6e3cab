package app.fanloop.metrics;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One read of /q/metrics (on the main port in tests), as Prometheus would scrape it: series → value. */
public record Scrape(Map<String, Double> series) {

    public static Scrape now() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new Scrape(series);
    }

    /** The value of a series, such as {@code fanloop_votes_cast_total} or {@code fanloop_mails_sent_total{kind="digest"}}. */
    public double value(String series) {
        Double value = this.series.get(series);
        if (value == null) {
            throw new AssertionError("not exported: " + series + "; exported: " + names());
        }
        return value;
    }

    /** How much a series moved since an earlier scrape. */
    public double since(Scrape before, String series) {
        return value(series) - before.value(series);
    }

    /** The metric names exported (series without their labels). */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String s : series.keySet()) {
            int brace = s.indexOf('{');
            names.add(brace < 0 ? s : s.substring(0, brace));
        }
        return names;
    }
}
