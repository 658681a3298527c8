package io.prodsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of DESIGN.md §2, stated once so the build fails on the change that breaks them. Production code
 * only: tests may reach across packages to set things up.
 */
@AnalyzeClasses(packages = "io.prodsupport", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The domain reads like the process it enforces: no HTTP, SQL or JSON library, no wiring, no transport. */
    @ArchTest
    static final ArchRule the_domain_is_free_of_http_sql_json_and_the_packages_around_it = noClasses()
            .that()
            .resideInAPackage("io.prodsupport.incident..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.javalin..",
                    "java.sql..",
                    "javax.sql..",
                    "okhttp3..",
                    "com.fasterxml.jackson..",
                    "io.prodsupport.app..",
                    "io.prodsupport.webhook..",
                    "io.prodsupport.inbox..",
                    "io.prodsupport.store..",
                    "io.prodsupport.config..",
                    "io.prodsupport.backfill..",
                    "io.prodsupport.sweep..",
                    "io.prodsupport.mail..",
                    "jakarta.mail..",
                    "org.jsoup..")
            .because("incident may use only jira's client and records and notify's sender (DESIGN.md §2)");

    /** The figures have one definition, free of how they are shown or served; renderings live in analytics.render. */
    @ArchTest
    static final ArchRule the_figures_are_free_of_http_json_sql_and_config = noClasses()
            .that()
            .resideInAPackage("io.prodsupport.analytics")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.javalin..",
                    "okhttp3..",
                    "com.fasterxml.jackson..",
                    "io.pebbletemplates..",
                    "java.sql..",
                    "io.prodsupport.app..",
                    "io.prodsupport.webhook..",
                    "io.prodsupport.store..",
                    "io.prodsupport.config..",
                    "io.prodsupport.analytics.render..");

    @ArchTest
    static final ArchRule the_jira_client_knows_no_rules_and_no_store = noClasses()
            .that()
            .resideInAPackage("io.prodsupport.jira..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.prodsupport.incident..",
                    "io.prodsupport.inbox..",
                    "io.prodsupport.store..",
                    "io.prodsupport.notify..",
                    "io.prodsupport.config..",
                    "io.prodsupport.app..",
                    "io.prodsupport.webhook..");

    @ArchTest
    static final ArchRule notify_knows_no_rules_and_no_config = noClasses()
            .that()
            .resideInAPackage("io.prodsupport.notify..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.prodsupport.incident..",
                    "io.prodsupport.config..",
                    "io.prodsupport.jira..",
                    "io.prodsupport.store..",
                    "io.prodsupport.app..");

    @ArchTest
    static final ArchRule the_config_does_not_know_the_domain = noClasses()
            .that()
            .resideInAPackage("io.prodsupport.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.prodsupport.incident..", "io.prodsupport.app..", "io.prodsupport.mail..");

    /** The mailbox side is transport: it may read Jira and ask the domain which issues are incidents, nothing more. */
    @ArchTest
    static final ArchRule mail_knows_no_wiring_config_sql_or_http_library = noClasses()
            .that()
            .resideInAPackage("io.prodsupport.mail..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.prodsupport.app..",
                    "io.prodsupport.config..",
                    "io.prodsupport.store..",
                    "io.prodsupport.webhook..",
                    "io.prodsupport.backfill..",
                    "io.prodsupport.sweep..",
                    "io.javalin..",
                    "okhttp3..",
                    "com.fasterxml.jackson..");

    /** E-mail on the wire and HTML stay where mail is sent and read. */
    @ArchTest
    static final ArchRule jakarta_mail_and_html_parsing_stay_in_mail_and_notify = noClasses()
            .that()
            .resideOutsideOfPackages("io.prodsupport.mail..", "io.prodsupport.notify..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..", "org.jsoup..");

    @ArchTest
    static final ArchRule the_queue_knows_nothing_of_jdbc_or_the_domain = noClasses()
            .that()
            .resideInAPackage("io.prodsupport.inbox..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "java.sql..",
                    "javax.sql..",
                    "io.prodsupport.store..",
                    "io.prodsupport.incident..",
                    "io.prodsupport.backfill..");

    @ArchTest
    static final ArchRule sql_lives_in_the_store = noClasses()
            .that()
            .resideOutsideOfPackage("io.prodsupport.store..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer.hikari..", "org.sqlite..", "org.postgresql..");

    /** {@code app} is the one wiring place: it may use every package, and no package uses it. */
    @ArchTest
    static final ArchRule nothing_depends_on_the_wiring = classes()
            .that()
            .resideInAPackage("io.prodsupport.app..")
            .should()
            .onlyHaveDependentClassesThat()
            .resideInAPackage("io.prodsupport.app..");

    @ArchTest
    static final ArchRule the_calendar_reader_knows_no_config_store_jira_or_channels = noClasses()
            .that()
            .resideInAPackage("io.prodsupport.oncall..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.prodsupport.config..",
                    "io.prodsupport.store..",
                    "io.prodsupport.jira..",
                    "io.prodsupport.notify..",
                    "io.prodsupport.app..");

    @ArchTest
    static final ArchRule ical4j_stays_in_the_calendar_reader = noClasses()
            .that()
            .resideOutsideOfPackage("io.prodsupport.oncall..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("net.fortuna.ical4j..");

    @ArchTest
    static final ArchRule no_package_cycles =
            slices().matching("io.prodsupport.(*)..").should().beFreeOfCycles();
}
