package dev.hyperplane.events.backup;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * A backup policy was created or changed: when its VMs are backed up (a cron schedule in its time zone, within a
 * window), the consistency it wants, and which restore points retention keeps (Proxmox Backup Server prune
 * options).
 *
 * @param policyId      the owner and the name: tenant/name, or _fleet/name for a fleet policy
 * @param tenantId      the tenant that owns it; null for a fleet policy
 * @param schedule      when backups run: a five-field cron expression (minute hour day-of-month month day-of-week)
 * @param timeZone      the zone the schedule and the retention periods are in
 * @param windowMinutes how long after a scheduled time a queued backup may still start
 * @param consistency   application: refused when the guest cannot give it; crash: whatever the guest gives
 * @param version       one more with each change
 */
public record BackupPolicySet(String policyId, @Nullable String tenantId, String name, String schedule,
        String timeZone, int windowMinutes, String consistency, int keepLast, int keepHourly, int keepDaily,
        int keepWeekly, int keepMonthly, int keepYearly, long version, String setBy, Instant setAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return policyId;
    }
}
