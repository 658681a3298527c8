package io.prodsupport.notify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one announcement achieved, channel by channel, so the caller can record who was told and retry only the rest.
 *
 * @param told    channels told just now
 * @param skipped channels left alone because the caller said they had already been told
 * @param failed  channels that refused or could not be reached, each with a one-line reason free of secrets
 */
public record AnnounceResult(Set<String> told, Set<String> skipped, Map<String, String> failed) {

    public AnnounceResult {
        told = Collections.unmodifiableSet(new LinkedHashSet<>(told));
        skipped = Collections.unmodifiableSet(new LinkedHashSet<>(skipped));
        failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
    }

    /** Every configured channel has now heard of the incident, in this call or before. */
    public boolean complete() {
        return failed.isEmpty();
    }

    /** The channels told, in this call or before: what the caller records. */
    public Set<String> toldSoFar() {
        Set<String> all = new LinkedHashSet<>(skipped);
        all.addAll(told);
        return Collections.unmodifiableSet(all);
    }
}
