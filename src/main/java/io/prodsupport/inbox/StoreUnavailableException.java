package io.prodsupport.inbox;

/**
 * The store could not read or commit. Callers answer for it (the intake with 503 so Jira retries, the worker by
 * leaving the claim to expire); nothing is half-written, since every change is one transaction.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
