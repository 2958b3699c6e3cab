package app.fanloop.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The app's own classes (no tests) as ArchUnit sees them, imported once per test JVM: the import takes seconds
 * (over half a minute under a Quarkus test's class loader), so every ArchUnit rule checks this one copy.
 */
public final class MainClasses {

    private static JavaClasses main;

    private MainClasses() {
    }

    public static synchronized JavaClasses get() {
        if (main == null) {
            main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("app.fanloop");
        }
        return main;
    }
}
