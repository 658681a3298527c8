package io.prodsupport.backfill;

/** Told as a backfill goes: for the progress display and the dry run's per-ticket lines. */
public interface BackfillListener {

    /** Before the first ticket: how many tickets the run expects to pass (skipped ones included), or -1. */
    void starting(long expected);

    /**
     * The count of tickets came after the start (it was -1 there): a large search is counted while the run goes
     * instead of before it. Called at most once, from another thread, and never after {@link #ended}.
     */
    default void expected(long expected) {}

    /** A ticket passed over because an earlier run finished it ({@code --resume}). */
    void skipped();

    /** One ticket done; called from worker threads. */
    void finished(TicketResult result);

    /** The run is over (completed, limited, stopped or failed). */
    void ended();
}
