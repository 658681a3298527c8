package io.prodsupport.jirasim;

import java.util.List;
import java.util.Optional;

/** Jira's default priority scheme. */
public record SimPriority(String id, String name) {
    static final SimPriority MEDIUM = new SimPriority("3", "Medium");
    static final List<SimPriority> ALL = List.of(
            new SimPriority("1", "Highest"),
            new SimPriority("2", "High"),
            MEDIUM,
            new SimPriority("4", "Low"),
            new SimPriority("5", "Lowest"));

    static Optional<SimPriority> find(String idOrName) {
        return ALL.stream()
                .filter(p -> p.id().equals(idOrName) || p.name().equalsIgnoreCase(idOrName))
                .findFirst();
    }
}
