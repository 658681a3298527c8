package io.prodsupport.jirasim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Requests the OpenAPI check refused, kept so the test that sent them can fail (see the JUnit extension). */
final class SpecViolations {
    private final List<String> messages = new CopyOnWriteArrayList<>();

    void record(List<String> found) {
        messages.addAll(found);
    }

    List<String> all() {
        return List.copyOf(messages);
    }

    void clear() {
        messages.clear();
    }
}
