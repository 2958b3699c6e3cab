package app.fanloop.journey;

import java.util.ArrayList;
import java.util.List;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

/**
 * The accessibility promise in the browser (issue 23): axe-core (Deque) run on the page as it is now, with the rules of
 * WCAG 2.0 and 2.1, levels A and AA, axe's best-practice rules (the page's structure: one main landmark, unique
 * landmarks, all content in landmarks, heading order, a working skip link, ARIA roles where they are allowed …), and
 * exactly one h1. Answers one readable line per violated rule and element, empty when the page passes.
 */
final class Accessibility {

    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    /** WCAG 2.1 A/AA and Deque's best practice. */
    static final List<String> RULES = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");

    private Accessibility() {
    }

    /** The violations on the page shown now, each as "what: rule (impact) help → element: why". */
    static List<String> violations(Page page, String what) {
        AxeResults results = new AxeBuilder(page).withTags(RULES).analyze();
        List<String> found = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            for (CheckedNode node : rule.getNodes()) {
                String why = node.getFailureSummary() == null ? "" : node.getFailureSummary().replaceAll("\\s+", " ").trim();
                found.add(what + ": " + rule.getId() + " (" + rule.getImpact() + ") " + rule.getHelp() + " → "
                        + node.getTarget() + ": " + why);
            }
        }
        // One h1 per page (the page's title for a screen reader's heading list); axe's page-has-heading-one wants at least one.
        int h1 = ((Number) page.evaluate("() => document.querySelectorAll('h1').length")).intValue();
        if (h1 != 1) {
            found.add(what + ": " + h1 + " h1 elements, one wanted");
        }
        return found;
    }
}
