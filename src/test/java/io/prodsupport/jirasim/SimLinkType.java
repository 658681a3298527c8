package io.prodsupport.jirasim;

import java.util.List;
import java.util.Optional;

/** An issue link type; the four below are the ones every Jira site ships with, with Jira's own texts. */
public record SimLinkType(String id, String name, String inward, String outward) {

    static final List<SimLinkType> DEFAULTS = List.of(
            new SimLinkType("10000", "Blocks", "is blocked by", "blocks"),
            new SimLinkType("10001", "Cloners", "is cloned by", "clones"),
            new SimLinkType("10002", "Duplicate", "is duplicated by", "duplicates"),
            new SimLinkType("10003", "Relates", "relates to", "relates to"));

    /** A request names a link type by name (any case, as Jira matches it) or by id. */
    static Optional<SimLinkType> find(String nameOrId) {
        return DEFAULTS.stream()
                .filter(t -> t.name().equalsIgnoreCase(nameOrId) || t.id().equals(nameOrId))
                .findFirst();
    }
}
