package io.prodsupport.jirasim;

import java.util.Set;

/**
 * A workflow transition. {@code requiredFields} models a transition screen with required fields: over REST
 * the transition fails with 400 unless the request sets them, as in Jira.
 */
public record SimTransition(String id, String name, SimStatus from, SimStatus to, Set<String> requiredFields) {}
