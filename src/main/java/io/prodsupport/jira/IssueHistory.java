package io.prodsupport.jira;

import java.util.List;

/** An issue with its whole changelog, oldest entry first. */
public record IssueHistory(Issue issue, List<ChangeHistory> histories) {

    public IssueHistory {
        histories = List.copyOf(histories);
    }
}
