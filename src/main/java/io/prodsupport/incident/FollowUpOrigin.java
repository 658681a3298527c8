package io.prodsupport.incident;

/**
 * Where a follow-up came from, stored on the follow-up as the issue property {@value #PROPERTY} by the create call
 * itself, so no follow-up exists without it: after a crash it is how a follow-up is recognised as already made. Its
 * JSON field names are those of the components; follow-ups made by earlier versions carry the same, so keep them.
 */
public record FollowUpOrigin(String incidentKey, String actionId, String incidentProject) {

    public static final String PROPERTY = "prodsupport.origin";

    /** Whether a value read under {@value #PROPERTY} is an origin at all (not a person's property of the same name). */
    static boolean complete(FollowUpOrigin origin) {
        return origin.incidentKey != null && origin.actionId != null;
    }

    public boolean isFor(String incident, String action) {
        return incidentKey.equals(incident) && actionId.equals(action);
    }
}
