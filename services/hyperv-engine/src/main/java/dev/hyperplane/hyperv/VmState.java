package dev.hyperplane.hyperv;

import java.util.EnumSet;
import java.util.Set;

/** Hyper-V's VM states (Msvm_ComputerSystem EnabledState, as Hyper-V Manager names them). */
public enum VmState {
    OFF, STARTING, RUNNING, PAUSED, SAVED, STOPPING, SAVING, RESUMING, RESETTING;

    /** The states a VM may move to from this one. */
    public Set<VmState> next() {
        return switch (this) {
            case OFF -> EnumSet.of(STARTING);
            case STARTING -> EnumSet.of(RUNNING, OFF);
            case RUNNING -> EnumSet.of(STOPPING, SAVING, PAUSED, RESETTING, OFF);
            case PAUSED -> EnumSet.of(RUNNING, SAVING, OFF);
            case SAVING -> EnumSet.of(SAVED, RUNNING);
            case SAVED -> EnumSet.of(RESUMING, OFF);
            // restoring reloads memory like a start loads the guest: turning it off discards the saved state
            case RESUMING -> EnumSet.of(RUNNING, OFF);
            case STOPPING -> EnumSet.of(OFF);
            case RESETTING -> EnumSet.of(STARTING);
        };
    }

    public boolean canMoveTo(VmState target) {
        return next().contains(target);
    }

    /** Whether the guest executes (integration services can talk to it). */
    public boolean guestRuns() {
        return this == RUNNING || this == STOPPING || this == SAVING;
    }
}
