package io.prodsupport.jirasim;

/** A project version (what Jira calls a "Fix Version" when it is set on an issue). */
public record SimVersion(long id, String name, long projectId) {}
