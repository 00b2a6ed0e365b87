package dev.hyperplane.migration.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many migrations run at once, and which queued ones start next. A host takes part in every migration it is the
 * source or the destination of; it runs at most {@code perHost} of them (Hyper-V's default for simultaneous live
 * migrations is 2), fewer when a policy on it asks so (suspend-workload-if-needed: one, so it has the whole link),
 * and the fleet runs at most {@code inFleet} (KubeVirt's default of parallel migrations per cluster is 5).
 * <p>
 * Queued migrations start in the order they were asked for: one never overtakes an earlier queued one that shares a
 * host with it, so a busy host's queue keeps its order; one on idle hosts does not wait behind it. Once the fleet is
 * full nothing starts.
 */
public record ConcurrencyLimits(int perHost, int inFleet) {

    public ConcurrencyLimits {
        if (perHost < 1 || inFleet < 1) {
            throw new IllegalArgumentException("limits must be at least 1: " + perHost + " per host, " + inFleet
                    + " in the fleet");
        }
    }

    /**
     * A migration as the limits see it.
     *
     * @param sourceHostId      null when not known (the VM is on no host: provisioning refuses it anyway)
     * @param destinationHostId the destination reserved or asked for; null while provisioning has not chosen one
     * @param policyPerHost     the most migrations its policy lets run on each of its hosts at once
     */
    public record Migration(String migrationId, String sourceHostId, String destinationHostId, int policyPerHost) {

        Set<String> hosts() {
            Set<String> hosts = new HashSet<>();
            if (sourceHostId != null) {
                hosts.add(sourceHostId);
            }
            if (destinationHostId != null) {
                hosts.add(destinationHostId);
            }
            return hosts;
        }
    }

    /** Which of the queued migrations (in the order they were asked for) start now, given those running. */
    public List<String> admit(List<Migration> running, List<Migration> queued) {
        Map<String, List<Integer>> onHost = new HashMap<>();
        running.forEach(m -> take(onHost, m));
        int inFlight = running.size();
        Set<String> waiting = new HashSet<>();
        List<String> admitted = new ArrayList<>();
        for (Migration next : queued) {
            if (inFlight >= inFleet) {
                break;
            }
            Set<String> hosts = next.hosts();
            boolean behindAnEarlierOne = hosts.stream().anyMatch(waiting::contains);
            if (!behindAnEarlierOne && hosts.stream().allMatch(h -> fits(onHost.get(h), next.policyPerHost()))) {
                take(onHost, next);
                inFlight++;
                admitted.add(next.migrationId());
            } else {
                waiting.addAll(hosts);
            }
        }
        return admitted;
    }

    /** Whether one more migration under {@code policyPerHost} fits beside those already on the host. */
    private boolean fits(List<Integer> limitsOnHost, int policyPerHost) {
        if (limitsOnHost == null) {
            return true;
        }
        int cap = Math.min(perHost, policyPerHost);
        for (int limit : limitsOnHost) {
            cap = Math.min(cap, limit);
        }
        return limitsOnHost.size() + 1 <= cap;
    }

    private static void take(Map<String, List<Integer>> onHost, Migration migration) {
        migration.hosts().forEach(h -> onHost.computeIfAbsent(h, k -> new ArrayList<>()).add(migration.policyPerHost()));
    }
}
