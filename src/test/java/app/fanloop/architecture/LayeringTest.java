package app.fanloop.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering written down in README "How it is built": the base packages (member, web, event, audit, limit) are
 * what every feature builds on, so they import no feature; the features stand in layers and import only the
 * layers below their own, so no two features depend on each other. A bad import fails the build here.
 */
class LayeringTest {

    /**
     * The feature packages in layers, lowest first. A feature may import the features of the layers below
     * its own, never one beside or above it; going the other way takes an event (suggestion's
     * SuggestionEvent, release's ReleaseWritten) or a move.
     */
    static final String[][] LAYERS = {
            { "board", "attachment", "poll", "mention" },
            // The staff's device models per board and the members' devices, offered on the bug form.
            { "device" },
            { "suggestion" },
            { "triage" },
            { "release" },
            { "honour", "search", "notification" },
            // Closed beta programs: use honours (the medal) and notifications; the profile and home page show them.
            { "beta" },
            // Insights: charts over the roll-ups of every feature's rows (SQL only); the home page shows its figures.
            { "insight" },
            { "moderation", "profile", "home", "demo", "apikey", "webhook", "sitemap" },
            // Counts what every feature announces; nothing imports it.
            { "metrics" } };

    /** The feature packages; everything under app.fanloop that is not a base package. */
    static final String[] FEATURES = Arrays.stream(LAYERS).flatMap(Arrays::stream).map(LayeringTest::pkg)
            .toArray(String[]::new);

    /** The base packages: what every feature builds on. */
    static final String[] BASES = { "app.fanloop.member..", "app.fanloop.web..", "app.fanloop.event..", "app.fanloop.audit..",
            "app.fanloop.limit.." };

    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = MainClasses.get();
    }

    @Test
    void base_packages_import_no_feature() {
        ArchRule rule = noClasses().that().resideInAnyPackage(BASES)
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("the base packages are what every feature builds on (README, How it is built)");
        rule.check(main);
    }

    @Test
    void features_import_only_the_layers_below_their_own() {
        List<ArchRule> rules = new ArrayList<>();
        for (int layer = 0; layer < LAYERS.length; layer++) {
            for (String feature : LAYERS[layer]) {
                List<String> notBelow = new ArrayList<>();
                for (int other = layer; other < LAYERS.length; other++) {
                    Arrays.stream(LAYERS[other]).filter(f -> !f.equals(feature)).map(LayeringTest::pkg).forEach(notBelow::add);
                }
                if (!notBelow.isEmpty()) {
                    rules.add(noClasses().that().resideInAPackage(pkg(feature))
                            .should().dependOnClassesThat().resideInAnyPackage(notBelow.toArray(String[]::new))
                            .as(feature + " (layer " + (layer + 1) + ") imports only the layers below its own"));
                }
            }
        }
        CompositeArchRule.of(rules).as("features import only the layers below their own (README, How it is built)")
                .check(main);
    }

    @Test
    void features_depend_on_each_other_without_cycles() {
        slices().matching("app.fanloop.(*)..").should().beFreeOfCycles()
                .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAnyPackage(BASES))
                .because("features depend one way (README, How it is built)")
                .check(main);
    }

    @Test
    void every_package_is_a_base_or_a_named_feature() {
        java.util.Set<String> known = new java.util.TreeSet<>();
        for (String pkg : concat(BASES, FEATURES)) {
            known.add(pkg.substring("app.fanloop.".length(), pkg.length() - 2));
        }
        java.util.Set<String> found = new java.util.TreeSet<>();
        main.forEach(c -> {
            String rest = c.getPackageName().startsWith("app.fanloop.") ? c.getPackageName().substring("app.fanloop.".length()) : "";
            if (!rest.isEmpty()) {
                found.add(rest.split("\\.")[0]);
            }
        });
        found.removeAll(known);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of(), found,
                "a new package must be named here as a base or a feature, so the layering covers it");
    }

    private static String pkg(String feature) {
        return "app.fanloop." + feature + "..";
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
