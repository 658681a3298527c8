package io.prodsupport.incident;

import io.prodsupport.jira.JiraClient;
import io.prodsupport.jira.JiraException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure the incident fix version exists in a project, creating it once. What is known to exist is cached, so
 * versions are not listed on every event; twenty incidents arriving together in a new project create it once,
 * because creation is serialised per project and re-checked inside the lock.
 */
public final class FixVersions {

    private final JiraClient jira;
    private final String name;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    public FixVersions(JiraClient jira, String name) {
        this.jira = jira;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** @return true when this call created the version */
    public boolean ensure(String projectKey) {
        if (known.contains(projectKey)) {
            return false;
        }
        synchronized (locks.computeIfAbsent(projectKey, k -> new Object())) {
            if (known.contains(projectKey) || exists(projectKey)) {
                known.add(projectKey);
                return false;
            }
            try {
                jira.createVersion(jira.project(projectKey).id(), name);
            } catch (JiraException e) {
                // another prodsupport instance (or a person) may have created it meanwhile; Jira refuses duplicates
                if (e.status() != 400 || !exists(projectKey)) {
                    throw e;
                }
                known.add(projectKey);
                return false;
            }
            known.add(projectKey);
            return true;
        }
    }

    /** Jira refused the version as unknown (deleted since we cached it): look again next time. */
    public void forget(String projectKey) {
        known.remove(projectKey);
    }

    private boolean exists(String projectKey) {
        return jira.projectVersions(projectKey).stream().anyMatch(v -> v.name().equalsIgnoreCase(name));
    }
}
