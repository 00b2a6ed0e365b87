package dev.hyperplane.backup.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A backup policy as a panel sets it. */
@Schema(name = "BackupPolicyRequest", example = """
        {"schedule": "0 2 * * *", "timeZone": "Europe/Berlin", "windowMinutes": 240, "consistency": "application",
         "retention": {"keepLast": 3, "keepDaily": 7, "keepWeekly": 4, "keepMonthly": 6}}""")
public record BackupPolicyRequest(
        @Schema(description = "When backups run: a five-field cron expression (minute hour day-of-month month "
                + "day-of-week), e.g. 0 2 * * * for 02:00 every night")
        @NotBlank(message = "a cron schedule is required, e.g. 0 2 * * *") String schedule,
        @Schema(description = "The zone the schedule and the retention periods are in; default UTC",
                example = "Europe/Berlin") String timeZone,
        @Schema(description = "How long after a scheduled time a queued backup may still start; default 240")
        @Min(value = 1, message = "at least 1 minute") @Max(value = 1440, message = "at most 1440 minutes (a day)")
        Integer windowMinutes,
        @Schema(description = "application (the default): a backup the guest cannot make application- or "
                + "file-system-consistent fails with the reason; crash: whatever the guest gives, the reason recorded")
        @Pattern(regexp = "application|crash", message = "application or crash") String consistency,
        @Valid RetentionRequest retention) {

    /** Proxmox Backup Server's prune options; leave all out (or 0) to keep every restore point. */
    @Schema(name = "BackupRetentionRequest")
    public record RetentionRequest(
            @Min(value = 0, message = "0 or more") @Max(value = 10000, message = "at most 10000") Integer keepLast,
            @Min(value = 0, message = "0 or more") @Max(value = 10000, message = "at most 10000") Integer keepHourly,
            @Min(value = 0, message = "0 or more") @Max(value = 10000, message = "at most 10000") Integer keepDaily,
            @Min(value = 0, message = "0 or more") @Max(value = 10000, message = "at most 10000") Integer keepWeekly,
            @Min(value = 0, message = "0 or more") @Max(value = 10000, message = "at most 10000") Integer keepMonthly,
            @Min(value = 0, message = "0 or more") @Max(value = 10000, message = "at most 10000") Integer keepYearly) {
    }
}
