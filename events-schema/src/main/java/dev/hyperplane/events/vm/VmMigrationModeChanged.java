package dev.hyperplane.events.vm;

import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * How the VM may be moved between hosts changed (by its tenant or a fleet admin): {@code live} (the default: moved
 * while it runs), {@code quick} (saved, moved and restored: down for the copy; for guests that must not see a live
 * migration's brief pause at an unknown moment) or {@code none} (never moved: migrations and evacuations are
 * refused with this as the reason).
 */
public record VmMigrationModeChanged(String vmId, String migrationMode, String changedBy, Instant changedAt)
        implements PublicEvent {
}
