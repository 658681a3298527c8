package io.prodsupport.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the loader needs to know of the incident template's sections to check {@code incidents.requiredOnClose}.
 * Supplied by whoever builds the loader (the app, from the domain's sections), so that config does not depend on the
 * domain.
 *
 * @param known  whether a title names a section, matched as forgivingly as the domain matches headings
 * @param titles every section's title in template order, for the message that lists them
 */
public record SectionTitles(Predicate<String> known, List<String> titles) {

    public SectionTitles {
        Objects.requireNonNull(known, "known");
        titles = List.copyOf(titles);
    }
}
