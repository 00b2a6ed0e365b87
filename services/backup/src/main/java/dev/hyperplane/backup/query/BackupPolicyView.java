package dev.hyperplane.backup.query;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A backup policy as the API shows it.
 *
 * @param tenantId       the owner; null for a fleet policy
 * @param windowMinutes  how long after a scheduled time a queued backup may still start
 * @param nextRun        the next scheduled time
 * @param vmIds          the VMs it governs by name
 * @param tenantDefault  whether its tenant's VMs without a policy of their own follow it
 * @param fleetDefault   whether every VM without a policy of its own or its tenant's follows it
 */
@Schema(name = "BackupPolicy")
public record BackupPolicyView(String policyId, String tenantId, String name, String schedule, String timeZone,
                               int windowMinutes, String consistency, Retention retention, Instant nextRun,
                               List<String> vmIds, boolean tenantDefault, boolean fleetDefault, long version,
                               String setBy, Instant setAt) {

    /** Which restore points are kept, as Proxmox Backup Server's prune options (0: the option is not used). */
    @Schema(name = "BackupRetention")
    public record Retention(int keepLast, int keepHourly, int keepDaily, int keepWeekly, int keepMonthly,
                            int keepYearly) {
    }
}
