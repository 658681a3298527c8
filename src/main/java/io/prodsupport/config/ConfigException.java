package io.prodsupport.config;

import java.util.List;

/** The configuration cannot be used; one line per problem, each naming its key. Never carries a secret's value. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
