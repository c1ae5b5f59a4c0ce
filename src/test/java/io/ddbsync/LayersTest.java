package io.ddbsync;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layers, as compiled: the dolphindb component (io.ddbsync.camel..) stands alone on Camel and the
 * DolphinDB API; the sync logic (io.ddbsync.sync..) builds on the component; the application
 * (io.ddbsync.app) on both. The product and the stand-in DolphinDB server never import each other, so the
 * tests' judge of outcomes shares no code with what it judges.
 * <p>
 * ArchUnit fails a rule whose classes are empty, so a rule cannot pass by importing nothing.
 */
class LayersTest {
    private static JavaClasses product;
    private static JavaClasses standIn;

    @BeforeAll
    static void importClasses() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ddbsync");
        standIn = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("io.ddbsync.standin");
    }

    @Test
    void theRulesSeeTheProductAndTheStandIn() {
        // the rules below judge what was imported: both sides must be there, whole layers of them
        assertTrue(product.contain("io.ddbsync.camel.DolphinDBComponent"), "the component was imported");
        assertTrue(product.contain("io.ddbsync.sync.online.OnlineJob"), "the sync logic was imported");
        assertTrue(product.contain("io.ddbsync.app.SyncApplication"), "the application was imported");
        assertTrue(standIn.contain("io.ddbsync.standin.StandInServer"), "the stand-in (src/standin/java) was imported");
    }

    @Test
    void theComponentDependsOnNothingElseOfOurs() {
        classes().that().resideInAPackage("io.ddbsync.camel..")
                .should().onlyDependOnClassesThat(resideInAPackage("io.ddbsync.camel..").or(resideOutsideOfPackage("io.ddbsync..")))
                .because("the component needs only camel-support and the DolphinDB Java API")
                .check(product);
    }

    @Test
    void theSyncLogicDependsOnTheComponentNotOnTheApplication() {
        noClasses().that().resideInAPackage("io.ddbsync.sync..")
                .should().dependOnClassesThat().resideInAPackage("io.ddbsync.app..")
                .check(product);
    }

    @Test
    void theProductNeverUsesTheStandIn() {
        noClasses().that().resideInAPackage("io.ddbsync..")
                .should().dependOnClassesThat().resideInAPackage("io.ddbsync.standin..")
                .check(product);
    }

    @Test
    void theStandInNeverUsesTheProduct() {
        noClasses().that().resideInAPackage("io.ddbsync.standin..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ddbsync.camel..", "io.ddbsync.sync..", "io.ddbsync.app..")
                .because("the stand-in judges the product's outcomes, so it must not share the product's code")
                .check(standIn);
    }

    @Test
    void theProductsPackagesHaveNoCycles() {
        slices().matching("io.ddbsync.(**)").should().beFreeOfCycles().check(product);
    }
}
