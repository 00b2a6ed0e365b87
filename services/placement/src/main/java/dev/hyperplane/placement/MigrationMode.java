package dev.hyperplane.placement;

import java.util.Optional;

/**
 * How a VM may be moved between hosts, a setting of the VM: {@code live} (the default; moved while it runs, with a
 * pause of milliseconds at the end), {@code quick} (saved, its state handed over, restored on the destination: down
 * for the copy, but never caught in a live migration's final pause at an unknown moment) or {@code none} (never
 * moved, for VMs bound to a host, e.g. by a licence). A migration asked for in a mode the VM does not allow is
 * refused with the reason; the migration service checks first, and provisioning decides when it reserves.
 */
public enum MigrationMode {
    LIVE("live"), QUICK("quick"), NONE("none");

    private final String label;

    MigrationMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The mode a label names; null (a VM from before modes existed) is live. */
    public static MigrationMode of(String label) {
        if (label == null) {
            return LIVE;
        }
        for (MigrationMode mode : values()) {
            if (mode.label.equals(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("no migration mode " + label);
    }

    /** How a migration asked for in {@code requested} (live or quick; null: as the VM allows) runs. */
    public String migrationFor(String requested) {
        return requested != null ? requested : this == QUICK ? QUICK.label : LIVE.label;
    }

    /** Why a VM with this mode is not moved in {@code requested} (live or quick; null: as it allows), if it is not. */
    public Optional<String> refusal(String vmId, String requested) {
        if (this == NONE) {
            return Optional.of("VM " + vmId + " has migration mode none: it is never moved");
        }
        if (this == QUICK && LIVE.label.equals(requested)) {
            return Optional.of("VM " + vmId + " has migration mode quick: it moves only by quick migration");
        }
        return Optional.empty();
    }
}
