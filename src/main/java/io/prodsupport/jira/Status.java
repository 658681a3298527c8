package io.prodsupport.jira;

/** A workflow status and its category key ({@code new}, {@code indeterminate}, {@code done}). */
public record Status(String name, String categoryKey) {

    /** The status category every Jira has for finished work, whatever the status is called. */
    public static final String DONE = "done";

    public boolean isDone() {
        return DONE.equals(categoryKey);
    }
}
