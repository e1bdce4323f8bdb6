package io.haven.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dependencies point one way, as DESIGN.md draws them: config <- core <- {proxy, check, lua, admin, cluster} <- cli. */
class ArchitectureTest {
    private static JavaClasses haven;

    @BeforeAll
    static void importClasses() {
        haven = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.haven");
    }

    @Test
    void configDependsOnNothingOfHaven() {
        noClasses().that().resideInAPackage("io.haven.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.haven.core..", "io.haven.proxy..",
                        "io.haven.check..", "io.haven.admin..", "io.haven.cluster..", "io.haven.lua..", "io.haven.cli..")
                .check(haven);
    }

    @Test
    void coreKnowsNeitherTheNetworkNorItsConsumers() {
        noClasses().that().resideInAPackage("io.haven.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.haven.proxy..", "io.haven.check..",
                        "io.haven.admin..", "io.haven.lua..", "io.haven.cli..", "io.netty..")
                .check(haven);
    }

    @Test
    void peersDoNotDependOnEachOtherOrOnTheCli() {
        noClasses().that().resideInAPackage("io.haven.proxy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.haven.check..", "io.haven.admin..", "io.haven.cli..")
                .check(haven);
        noClasses().that().resideInAPackage("io.haven.check..")
                .should().dependOnClassesThat().resideInAnyPackage("io.haven.proxy..", "io.haven.admin..", "io.haven.cli..")
                .check(haven);
        noClasses().that().resideInAPackage("io.haven.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("io.haven.proxy..", "io.haven.check..", "io.haven.cli..")
                .check(haven);
    }

    @Test
    void theClusterKnowsNoneOfTheDataPlaneAndNoneOfItKnowsTheCluster() {
        noClasses().that().resideInAPackage("io.haven.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("io.haven.proxy..", "io.haven.check..",
                        "io.haven.admin..", "io.haven.mysql..", "io.haven.agent..", "io.haven.cli..", "io.netty..")
                .check(haven);
        noClasses().that().resideInAnyPackage("io.haven.core..", "io.haven.proxy..", "io.haven.check..", "io.haven.admin..",
                "io.haven.mysql..", "io.haven.agent..")
                .should().dependOnClassesThat().resideInAPackage("io.haven.cluster..")
                .check(haven);
    }

    @Test
    void luaIsASiblingOfTheDataPlaneUsingOnlyConfigAndCore() {
        noClasses().that().resideInAPackage("io.haven.lua..")
                .should().dependOnClassesThat().resideInAnyPackage("io.haven.proxy..", "io.haven.check..",
                        "io.haven.admin..", "io.haven.cluster..", "io.haven.mysql..", "io.haven.agent..", "io.haven.cli..")
                .check(haven);
        noClasses().that().resideInAnyPackage("io.haven.proxy..", "io.haven.check..", "io.haven.admin..",
                "io.haven.cluster..", "io.haven.mysql..", "io.haven.agent..")
                .should().dependOnClassesThat().resideInAPackage("io.haven.lua..")
                .check(haven);
    }

    @Test
    void theAgentUsesOnlyMysqlAndCore() {
        noClasses().that().resideInAPackage("io.haven.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("io.haven.proxy..", "io.haven.check..",
                        "io.haven.admin..", "io.haven.cli..")
                .check(haven);
    }
}
