package dev.hyperplane.backup.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which queued backups start now: in the order they were asked for, each one whose host runs fewer than
 * {@code perHost} backups while the fleet runs fewer than {@code inFleet}. A backup waiting for a full host does not
 * hold back those behind it on other hosts; one whose VM has no host yet (not placed, moving) waits its turn again.
 * Hyper-V hosts back up two VMs at once by default in the common backup products, hence 2 per host.
 *
 * @param perHost backups at once on one host
 * @param inFleet backups at once in the whole fleet (the repository's write bandwidth)
 */
public record BackupAdmission(int perHost, int inFleet) {

    /** A queued backup and the host its VM runs on now; null when it has none to run on. */
    public record Queued(String backupId, String hostId) {
    }

    /** The backups to start now, in queue order. */
    public List<Queued> admit(List<Queued> queue, Map<String, Integer> runningPerHost) {
        Map<String, Integer> running = new HashMap<>(runningPerHost);
        int total = running.values().stream().mapToInt(Integer::intValue).sum();
        List<Queued> admitted = new ArrayList<>();
        for (Queued backup : queue) {
            if (total >= inFleet) {
                break;
            }
            if (backup.hostId() == null || running.getOrDefault(backup.hostId(), 0) >= perHost) {
                continue;
            }
            running.merge(backup.hostId(), 1, Integer::sum);
            total++;
            admitted.add(backup);
        }
        return admitted;
    }
}
