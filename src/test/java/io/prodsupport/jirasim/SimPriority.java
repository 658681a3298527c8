package io.prodsupport.jirasim;

import java.util.List;
import java.util.Optional;

/**
 * Jira's default priority scheme, in Jira's order (highest first), with the descriptions and colours a new site
 * ships with: what {@code GET /rest/api/2/priority} lists.
 */
public record SimPriority(String id, String name, String description, String statusColor) {
    static final SimPriority MEDIUM =
            new SimPriority("3", "Medium", "Has the potential to affect progress.", "#f79232");
    static final List<SimPriority> ALL = List.of(
            new SimPriority("1", "Highest", "This problem will block progress.", "#d04437"),
            new SimPriority("2", "High", "Serious problem that could block progress.", "#f15c75"),
            MEDIUM,
            new SimPriority("4", "Low", "Minor problem or easily worked around.", "#707070"),
            new SimPriority("5", "Lowest", "Trivial problem with little or no impact on progress.", "#999999"));

    static Optional<SimPriority> find(String idOrName) {
        return ALL.stream()
                .filter(p -> p.id().equals(idOrName) || p.name().equalsIgnoreCase(idOrName))
                .findFirst();
    }
}
