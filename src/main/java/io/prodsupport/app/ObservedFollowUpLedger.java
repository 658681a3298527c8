package io.prodsupport.app;

import io.prodsupport.incident.FollowUpLedger;
import io.prodsupport.incident.FollowUpRecord;
import io.prodsupport.incident.FollowUpRecord.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Observe mode's follow-up ledger, in memory: the follow-ups it would have made are never written to the store, so
 * turning the project to {@code enforce} later makes them for real. Kept for the life of the process, so an incident's
 * follow-ups are reported as "would create" once per process, not at every event.
 */
final class ObservedFollowUpLedger implements FollowUpLedger {

    private final Map<String, Map<String, FollowUpRecord>> rows = new HashMap<>();

    @Override
    public synchronized List<FollowUpRecord> records(String incidentKey) {
        return new ArrayList<>(rows.getOrDefault(incidentKey, Map.of()).values());
    }

    @Override
    public synchronized Claim claim(
            String incidentKey, String actionId, String summary, String claimant, Instant now, Instant leaseUntil) {
        Map<String, FollowUpRecord> incident = rows.computeIfAbsent(incidentKey, k -> new LinkedHashMap<>());
        FollowUpRecord row = incident.get(actionId);
        if (row == null) {
            incident.put(
                    actionId,
                    new FollowUpRecord(incidentKey, actionId, State.CLAIMED, null, summary, claimant, leaseUntil));
            return Claim.NEW;
        }
        return row.state() == State.COMMENTED ? Claim.REFUSED : Claim.RESUMED;
    }

    @Override
    public synchronized boolean created(
            String incidentKey, String actionId, String followUpKey, String claimant, Instant now) {
        return move(incidentKey, actionId, State.CREATED, followUpKey);
    }

    @Override
    public synchronized boolean linked(String incidentKey, String actionId, String claimant, Instant now) {
        return move(incidentKey, actionId, State.LINKED, null);
    }

    @Override
    public synchronized int commented(String incidentKey, Collection<String> actionIds, String claimant, Instant now) {
        int moved = 0;
        for (String actionId : actionIds) {
            moved += move(incidentKey, actionId, State.COMMENTED, null) ? 1 : 0;
        }
        return moved;
    }

    private boolean move(String incidentKey, String actionId, State to, String followUpKey) {
        FollowUpRecord row = rows.getOrDefault(incidentKey, Map.of()).get(actionId);
        if (row == null) {
            return false;
        }
        rows.get(incidentKey)
                .put(
                        actionId,
                        new FollowUpRecord(
                                incidentKey,
                                actionId,
                                to,
                                followUpKey != null ? followUpKey : row.followUpKey(),
                                row.summary(),
                                row.claimedBy(),
                                row.leaseUntil()));
        return true;
    }

    @Override
    public synchronized void release(String incidentKey, Collection<String> actionIds, String claimant) {
        // nothing to release: one process, and its claims end with it
    }

    @Override
    public synchronized void forget(String incidentKey, String actionId, String claimant) {
        rows.getOrDefault(incidentKey, new HashMap<>()).remove(actionId);
    }

    @Override
    public void close() {}
}
