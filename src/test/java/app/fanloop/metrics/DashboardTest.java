package app.fanloop.metrics;

import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Grafana dashboard in docker/grafana cannot drift from the app: every metric its PromQL reads is exported at
 * /q/metrics, every domain counter and gauge has a panel, and it imports with its Prometheus as ${DS_PROMETHEUS}.
 */
@QuarkusTest
class DashboardTest {

    static final Path DASHBOARD = Path.of("docker/grafana/fanloop-dashboard.json");

    /** PromQL's words that look like metric names: functions, aggregations, keywords. */
    static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "count", "rate", "irate", "increase", "topk",
            "bottomk", "histogram_quantile", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "offset", "bool", "abs", "clamp_min", "clamp_max", "delta", "deriv", "time", "vector", "scalar");

    @Test
    void every_metric_the_dashboard_reads_is_exported_by_the_app() throws IOException {
        page().get("/").then().statusCode(200); // a request, so the HTTP server's series exist
        Set<String> exported = Scrape.now().names();

        Set<String> read = metricsRead(expressions(dashboard()));

        assertFalse(read.isEmpty());
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(exported);
        assertEquals(Set.of(), missing, "the dashboard reads metrics the app does not export");
    }

    @Test
    void every_domain_counter_and_gauge_has_a_panel() throws IOException {
        Set<String> read = metricsRead(expressions(dashboard()));
        for (String counter : DomainMeters.COUNTERS) {
            String name = counter.replace('.', '_') + "_total";
            assertTrue(read.contains(name), "no panel reads " + name);
        }
        for (String gauge : DomainMeters.GAUGES) {
            String name = gauge.replace('.', '_');
            assertTrue(read.contains(name), "no panel reads " + name);
        }
        assertTrue(read.containsAll(List.of("http_server_requests_seconds_count", "http_server_requests_seconds_bucket",
                "jvm_memory_used_bytes", "agroal_active_count")));
    }

    @Test
    void the_dashboard_imports_with_its_prometheus_as_a_variable() throws IOException {
        JsonNode dashboard = dashboard();
        assertEquals("DS_PROMETHEUS", dashboard.at("/__inputs/0/name").asText());
        assertEquals("prometheus", dashboard.at("/__inputs/0/pluginId").asText());
        assertTrue(dashboard.get("templating").get("list").findValuesAsText("name").contains("DS_PROMETHEUS"));
        for (JsonNode panel : panels(dashboard)) {
            if (!panel.get("type").asText().equals("row")) {
                assertEquals("${DS_PROMETHEUS}", panel.at("/datasource/uid").asText(), panel.get("title").asText());
            }
        }
    }

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(Files.readString(DASHBOARD));
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            all.add(panel);
            if (panel.has("panels")) {
                panel.get("panels").forEach(all::add);
            }
        }
        return all;
    }

    private static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            if (panel.has("targets")) {
                panel.get("targets").forEach(t -> expressions.add(t.get("expr").asText()));
            }
        }
        return expressions;
    }

    /**
     * The metric names PromQL expressions read: what is left once label matchers, ranges, strings, grouping clauses
     * and function names are taken out.
     */
    static Set<String> metricsRead(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        Pattern identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
        for (String expr : expressions) {
            String bare = expr.replaceAll("\"[^\"]*\"", "\"\"")
                    .replaceAll("\\{[^}]*}", " ")
                    .replaceAll("\\[[^]]*]", " ")
                    .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
            Matcher m = identifier.matcher(bare);
            while (m.find()) {
                String word = m.group();
                int after = m.end();
                while (after < bare.length() && bare.charAt(after) == ' ') {
                    after++;
                }
                boolean call = after < bare.length() && bare.charAt(after) == '(';
                if (!call && !PROMQL.contains(word)) {
                    names.add(word);
                }
            }
        }
        return names;
    }

    @Test
    void the_expression_reader_finds_metric_names_only() {
        assertEquals(new TreeSet<>(Arrays.asList("a_total", "b_seconds_bucket")),
                metricsRead(List.of("sum by (kind, le) (rate(a_total{kind=\"x\", uri!~\"/q/.*\"}[$__rate_interval])) * 3600",
                        "histogram_quantile(0.95, sum by (le) (rate(b_seconds_bucket[5m])))")));
    }
}
