package bitnet.workbench;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("bitnet.workbench");
    }

    @Test
    void engineCodeNeverImportsJavaFx() {
        noClasses().that().resideInAnyPackage(
                "..gguf..", "..tensor..", "..kernel..", "..model..", "..tokenizer..", "..engine..", "..inspect..", "..bench..", "..convert..", "..train..", "..io..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.fxmisc..", "org.jfree.chart.fx..")
            .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("bitnet.workbench.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void lowerLayersNeverReachUpToTheUserInterfaces() {
        noClasses().that().resideOutsideOfPackages("..app..", "..cli..", "bitnet.workbench")
            .should().dependOnClassesThat().resideInAnyPackage("..app..", "..cli..")
            .check(classes);
    }
}
