package dev.hyperplane.backup.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create or change a backup policy (checked by the API before it is sent). */
public record SetBackupPolicy(@TargetAggregateIdentifier String policyId, String tenantId, String name,
                              String schedule, String timeZone, int windowMinutes, String consistency, int keepLast,
                              int keepHourly, int keepDaily, int keepWeekly, int keepMonthly, int keepYearly,
                              String setBy) {
}
