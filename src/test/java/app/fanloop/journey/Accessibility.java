package app.fanloop.journey;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.microsoft.playwright.Page;

/**
 * The accessibility promise in the browser (issue 23): axe-core (Deque) run on the page as it is now, with the rules of
 * WCAG 2.0 and 2.1, levels A and AA, axe's best-practice rules (the page's structure: one main landmark, unique
 * landmarks, all content in landmarks, heading order, a working skip link, ARIA roles where they are allowed …), and
 * exactly one h1. Answers one readable line per violated rule and element, empty when the page passes.
 *
 * <p>axe-core is the one Deque's {@link AxeBuilder} ships, put into the page once and run there with {@code axe.run}
 * (the app's pages have no frames), answering only the violations: the same rules on the same page find the same
 * violations as {@code AxeBuilder.analyze()}, without sending axe's 550 KB again, a second page for {@code finishRun}
 * and every passed node back for each check.
 */
final class Accessibility {

    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    /** WCAG 2.1 A/AA and Deque's best practice. */
    static final List<String> RULES = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");

    private static final String AXE = AxeBuilder.getAxeScript() + ";axe.configure({branding: {application: 'fanloop'}});";

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final AtomicLong RUN_MILLIS = new AtomicLong();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (RUNS.get() > 0) {
                System.out.printf("axe-core: %d pages checked in %d ms%n", RUNS.get(), RUN_MILLIS.get());
            }
        }));
    }

    /** axe.run with these tags, answering each violated rule's node as [rule, impact, help, target, why]. */
    private static final String RUN = """
            tags => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
                .then(r => r.violations.flatMap(v => v.nodes.map(n =>
                    [v.id, String(v.impact), v.help, JSON.stringify(n.target), n.failureSummary || ''])))""";

    private Accessibility() {
    }

    /** The violations on the page shown now, each as "what: rule (impact) help → element: why". */
    static List<String> violations(Page page, String what) {
        return check(page).stream().map(line -> what + ": " + line).toList();
    }

    private static List<String> check(Page page) {
        long start = System.nanoTime();
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe?.run === 'function'"))) {
            page.evaluate(AXE);
        }
        List<String> found = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<List<String>> nodes = (List<List<String>>) page.evaluate(RUN, RULES);
        for (List<String> node : nodes) {
            found.add(node.get(0) + " (" + node.get(1) + ") " + node.get(2) + " → " + node.get(3) + ": "
                    + node.get(4).replaceAll("\\s+", " ").trim());
        }
        // One h1 per page (the page's title for a screen reader's heading list); axe's page-has-heading-one wants at least one.
        int h1 = ((Number) page.evaluate("() => document.querySelectorAll('h1').length")).intValue();
        if (h1 != 1) {
            found.add(h1 + " h1 elements, one wanted");
        }
        RUNS.incrementAndGet();
        RUN_MILLIS.addAndGet((System.nanoTime() - start) / 1_000_000);
        return List.copyOf(found);
    }
}
