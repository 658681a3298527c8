package io.prodsupport.jira;

import java.time.Duration;

/** Waits; the seam that lets tests run back-off and rate-limit pauses without wall-clock time. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(Math.max(1, duration.toMillis()));

    void sleep(Duration duration) throws InterruptedException;
}
