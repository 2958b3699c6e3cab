package app.fanloop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering written down in README "How it is built": the base packages (member, web, event, audit, limit) are
 * what every feature builds on, so they import no feature; a bad import fails the build here.
 */
class LayeringTest {

    /** The feature packages; everything under app.fanloop that is not a base package. */
    static final String[] FEATURES = { "app.fanloop.board..", "app.fanloop.suggestion..", "app.fanloop.triage..",
            "app.fanloop.release..", "app.fanloop.notification..", "app.fanloop.moderation..", "app.fanloop.search..",
            "app.fanloop.honour..", "app.fanloop.profile..", "app.fanloop.home..", "app.fanloop.demo.." };

    /** The base packages: what every feature builds on. */
    static final String[] BASES = { "app.fanloop.member..", "app.fanloop.web..", "app.fanloop.event..", "app.fanloop.audit..",
            "app.fanloop.limit.." };

    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("app.fanloop");
    }

    @Test
    void base_packages_import_no_feature() {
        ArchRule rule = noClasses().that().resideInAnyPackage(BASES)
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("the base packages are what every feature builds on (README, How it is built)");
        rule.check(main);
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

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
