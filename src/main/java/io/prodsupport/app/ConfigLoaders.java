package io.prodsupport.app;

import io.prodsupport.config.ConfigLoader;
import io.prodsupport.config.SectionTitles;
import io.prodsupport.incident.Section;
import java.util.Arrays;
import java.util.Map;

/**
 * How prodsupport reads its config: the loader told about the incident template's sections, which config itself
 * does not know (it must not depend on the domain), so that {@code incidents.requiredOnClose} is checked against them.
 */
public final class ConfigLoaders {

    /** The template's sections: a title is known when the domain matches it to a section, as it matches headings. */
    public static final SectionTitles TEMPLATE_SECTIONS = new SectionTitles(
            title -> Section.match(title).isPresent(),
            Arrays.stream(Section.values()).map(Section::title).toList());

    private ConfigLoaders() {}

    /** The loader every command uses, with {@code env} for {@code ${ENV}} substitution. */
    public static ConfigLoader withTemplateSections(Map<String, String> env) {
        return new ConfigLoader(env, TEMPLATE_SECTIONS);
    }
}
