package io.prodsupport.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A credential from the environment or a file. Its {@code toString()} never shows the value, so a secret cannot
 * reach a log line or an error message by accident.
 */
public record Secret(String value) {

    @JsonCreator
    public static Secret of(String value) {
        return new Secret(value);
    }

    public boolean isBlank() {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
