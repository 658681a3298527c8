package io.prodsupport.app;

import io.prodsupport.config.Config;
import io.prodsupport.explain.ActivityLog;
import io.prodsupport.explain.Explanation;
import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.incident.IncidentWorkflow;
import io.prodsupport.jira.HttpJiraClient;
import io.prodsupport.jira.Issue;
import io.prodsupport.jira.IssueHistory;
import io.prodsupport.jira.JiraException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Print what prodsupport did to one incident and why: what it recorded on the ticket, the"
                + " follow-up of each prevention action, and every event it handled with the outcome.")
final class ExplainCommand extends ConfiguredCommand {

    @Parameters(paramLabel = "KEY", description = "The incident's issue key, e.g. OPS-12.")
    String key;

    @Override
    int run(Config loaded, PrintWriter out, PrintWriter err) {
        String issueKey = key.strip().toUpperCase(Locale.ROOT);
        Wiring wiring = new Wiring(loaded);
        try (HttpJiraClient jira = wiring.jiraClient();
                ActivityLog activity = wiring.activityLog();
                FollowUpLedger ledger = wiring.followUpLedger()) {
            Issue issue = jira.getIssue(issueKey, IncidentWorkflow.fields(), IncidentWorkflow.properties());
            PeopleNames names = wiring.peopleNames(jira);
            Explanation explanation = new Explanation(
                    issue,
                    loaded.incidents().mode().observes(issue.fields().projectKey()),
                    names.named(IncidentWorkflow.recorded(issue)),
                    wiring.followUps(jira, ledger).explain(issue),
                    wiring.postMortems(jira, ledger).explain(issue),
                    activity.of(issue.key()),
                    jira.searchWithHistory("key = " + issue.key(), List.of("summary"))
                            .findFirst()
                            .map(IssueHistory::histories)
                            .orElse(List.of()));
            explanation.lines().forEach(out::println);
            out.flush();
            return 0;
        } catch (JiraException e) {
            err.println("prodsupport: "
                    + (e.status() == 404
                            ? issueKey + " does not exist in Jira, or this account" + " may not see it"
                            : "Jira: " + e.getMessage()));
            return 1;
        } catch (RuntimeException e) {
            err.println("prodsupport: " + ServeCommand.reason(e));
            return 1;
        } finally {
            wiring.releaseHttp();
        }
    }
}
