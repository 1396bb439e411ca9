package dev.dbtlens.testdata;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The generator's layout (package-info.java): write uses history and project, history uses project, one way. */
class LayoutTest {
    private static final String INTERNAL = "dev.dbtlens.testdata.internal";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dbtlens.testdata");

    @Test
    void dependenciesPointOneWay() {
        noClasses().that().resideInAPackage(INTERNAL + ".project..")
                .should().dependOnClassesThat().resideInAnyPackage(INTERNAL + ".history..", INTERNAL + ".write..")
                .check(CLASSES);
        noClasses().that().resideInAPackage(INTERNAL + ".history..")
                .should().dependOnClassesThat().resideInAnyPackage(INTERNAL + ".write..")
                .check(CLASSES);
        noClasses().that().resideInAPackage(INTERNAL + "..")
                .should().dependOnClassesThat().resideInAPackage("dev.dbtlens.testdata")
                .because("the generator's parts do not call its entry points")
                .check(CLASSES);
        slices().matching(INTERNAL + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
