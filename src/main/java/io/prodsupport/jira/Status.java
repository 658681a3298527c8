package io.prodsupport.jira;

/** A workflow status and its category key ({@code new}, {@code indeterminate}, {@code done}). */
public record Status(String name, String categoryKey) {}
