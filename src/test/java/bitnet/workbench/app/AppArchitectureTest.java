package bitnet.workbench.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The window's structure: areas do not know each other; only the composition root sees them all. */
class AppArchitectureTest {
    private static final String[] PAGES = {"..app.models..", "..app.chat..", "..app.inspector..", "..app.benchmark.."};
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("bitnet.workbench.app");
    }

    @Test
    void appAreasHaveNoCycles() {
        slices().matching("bitnet.workbench.app.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void pagesNeverReachIntoEachOtherOrIntoTheShell() {
        for (String page : PAGES) {
            String[] others = java.util.Arrays.stream(PAGES).filter(p -> !p.equals(page)).toArray(String[]::new);
            noClasses().that().resideInAPackage(page).should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
            noClasses().that().resideInAPackage(page).should().dependOnClassesThat().resideInAPackage("..app.shell..").check(classes);
        }
    }

    @Test
    void theShellKnowsPagesOnlyThroughThePageInterface() {
        noClasses().that().resideInAPackage("..app.shell..").should().dependOnClassesThat().resideInAnyPackage(PAGES).check(classes);
    }
}
