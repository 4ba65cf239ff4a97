package dev.jetway.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The hexagon's walls: the domain, and core as a whole, stay free of runtime and transport types. */
@AnalyzeClasses(packages = "dev.jetway.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String[] AWS_AND_LAMBDA = {"software.amazon..", "com.amazonaws.."};
    static final String[] HTTP_SERVERS_AND_CLIENTS = {
        "com.sun.net.httpserver..", "java.net.http..", "jakarta.servlet..", "javax.servlet..", "io.netty..",
        "io.undertow..", "org.eclipse.jetty..", "io.vertx..", "okhttp3..", "org.apache.hc..", "org.apache.http.."
    };

    @ArchTest
    static final ArchRule domainImportsNoAwsOrLambdaTypes = noClasses().that().resideInAPackage("dev.jetway.core.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_LAMBDA)
            .because("the domain runs the same in Lambda and on a laptop; adapters live in jetway-aws");

    @ArchTest
    static final ArchRule domainImportsNoHttpTypes = noClasses().that().resideInAPackage("dev.jetway.core.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(HTTP_SERVERS_AND_CLIENTS)
            .because("the domain is pure: decisions over state, no transport");

    @ArchTest
    static final ArchRule coreImportsNoAwsOrLambdaTypes = noClasses().that().resideInAPackage("dev.jetway.core..")
            .should().dependOnClassesThat().resideInAnyPackage(AWS_AND_LAMBDA)
            .because("core defines ports; the AWS SDK and Lambda types belong to jetway-aws and jetway-functions");

    @ArchTest
    static final ArchRule domainDoesNoIo = noClasses().that().resideInAPackage("dev.jetway.core.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.file..", "dev.jetway.core.registry..")
            .because("decide and evolve are pure functions; I/O happens in application services and adapters");
}
