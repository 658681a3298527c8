package io.prodsupport.inbox;

/** What the worker runs for each event: the reconciler's entry point. */
@FunctionalInterface
public interface EventHandler {

    /**
     * Handles one event. Returning means done; throwing means "try again later" until the attempts run out and the
     * event becomes a dead letter carrying this exception's message. May run again for the same event after a crash,
     * so it must be idempotent (the reconciler is level-triggered).
     */
    void handle(StoredEvent event) throws Exception;
}
