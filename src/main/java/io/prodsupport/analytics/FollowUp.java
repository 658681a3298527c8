package io.prodsupport.analytics;

import java.util.List;

/** A follow-up ticket of one or more incidents (by key), and whether its status is in the done category now. */
public record FollowUp(String key, List<String> incidents, boolean doneNow) {

    public FollowUp {
        incidents = List.copyOf(incidents);
    }
}
