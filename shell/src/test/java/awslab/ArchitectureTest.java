package awslab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the shell, checked on the compiled classes (ArchUnit). Read from the bottom up:
 *
 * <pre>
 * awslab (Main, Wiring)          the composition root: the only place that knows cli and the features
 *   awslab.cli                   the REPL: knows the features only through the registry the root fills
 *   lab, fleet, ssh, lesson,     the features: depend on the API, never on cli
 *   doctor
 *     awslab.api                 command base, context, listener, checkpoint, registry
 *       target, reach, ui, jshell, settings, i18n     the shell's infrastructure
 *         state, learnerlab, sandbox (module sandbox/), webapp (module webapp/)
 * </pre>
 *
 * A failure names the class and the dependency that broke the rule.
 */
class ArchitectureTest {
    static final String[] FEATURES = {"awslab.lab..", "awslab.fleet..", "awslab.ssh..", "awslab.lesson..", "awslab.doctor.."};

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
                .importPackages("awslab");
    }

    @Test
    void noCycleBetweenPackages() {
        check(slices().matching("awslab.(**)").should().beFreeOfCycles());
    }

    @Test
    void featuresNeverSeeTheRepl() {
        check(noClasses().that().resideInAnyPackage(FEATURES)
                .should().dependOnClassesThat().resideInAPackage("awslab.cli..")
                .because("features depend on the small API (awslab.api), the REPL is one way to drive them"));
    }

    @Test
    void theReplNamesNoFeature() {
        check(noClasses().that().resideInAPackage("awslab.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("cli knows features only through the registry that Wiring fills"));
    }

    @Test
    void theApiStandsOnInfrastructureOnly() {
        check(noClasses().that().resideInAPackage("awslab.api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "awslab.cli..", "awslab.lab..", "awslab.fleet..", "awslab.ssh..", "awslab.lesson..", "awslab.doctor..",
                        "awslab.target..", "awslab.reach..", "awslab.ui..", "awslab.jshell..", "awslab.sandbox..")
                .because("the API is the bottom every feature stands on: it may use only i18n and the state store"));
    }

    @Test
    void infrastructureKnowsNoFeatureNorRepl() {
        String[] above = {"awslab.cli..", "awslab.lab..", "awslab.fleet..", "awslab.ssh..", "awslab.lesson..", "awslab.doctor.."};
        check(noClasses().that().resideInAnyPackage("awslab.target..", "awslab.reach..", "awslab.ui..",
                        "awslab.jshell..", "awslab.settings..", "awslab.i18n..")
                .should().dependOnClassesThat().resideInAnyPackage(above));
    }

    @Test
    void onlyTheRootComposes() {
        check(noClasses().that().resideOutsideOfPackage("awslab")
                .should().dependOnClassesThat().resideInAPackage("awslab")
                .because("Main and Wiring sit above everything; nothing reaches back up to them"));
    }

    @Test
    void theSandboxIsReachedOnlyThroughItsAdapter() {
        check(noClasses().that().resideOutsideOfPackages("awslab", "awslab.target", "awslab.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("awslab.sandbox..")
                .because("the shell adapts the sandbox to its own seams in awslab.target.SandboxCloud"));
    }

    @Test
    void noStaticMutableWiring() {
        check(fields().that().areStatic().and().areDeclaredInClassesThat().resideInAPackage("awslab..")
                .should().beFinal()
                .because("parts are given to each other by constructors (Wiring), never set in statics"));
    }

    @Test
    void nothingRunsOnTheCommonPool() {
        check(noClasses().that().resideInAPackage("awslab..")
                .should().callMethod(CompletableFuture.class, "supplyAsync", Supplier.class)
                .orShould().callMethod(CompletableFuture.class, "runAsync", Runnable.class)
                .orShould().callMethod(ForkJoinPool.class, "commonPool")
                .because("the common pool has one thread on a two-core machine: a task blocked there starves the"
                        + " rest (the shell's clients were never built on JDK 25); use awslab.logging.Background"));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
