package dev.hyperplane.hyperv;

import java.io.Serializable;
import java.util.List;

/**
 * What a VM's guest does with its memory: demand (committed MB) and page dirtying over time, seeded so the same
 * VM behaves the same in every run.
 *
 * @param baseFraction   demand at rest, as a fraction of startup memory
 * @param swingFraction  how far demand moves around it
 * @param periodSeconds  the period of the daily-like swing
 * @param dirtyMbPerSec      memory written per second (drives live-migration convergence)
 * @param diskWriteMbPerSec  written to its disks per second (drives the changed blocks an incremental backup reads)
 */
public record Workload(String profile, double baseFraction, double swingFraction, int periodSeconds,
                       double dirtyMbPerSec, double diskWriteMbPerSec) implements Serializable {

    public static final Workload IDLE = new Workload("idle", 0.25, 0.02, 3600, 1, 0.05);
    public static final Workload WEB = new Workload("web", 0.45, 0.20, 1800, 20, 0.5);
    public static final Workload DATABASE = new Workload("database", 0.70, 0.10, 3600, 120, 4);
    public static final Workload BATCH = new Workload("batch", 0.40, 0.45, 900, 60, 2);
    public static final Workload MEMORY_HOG = new Workload("memory-hog", 1.10, 0.30, 600, 400, 1);
    /** The named profiles a guest can be given. */
    public static final List<Workload> PROFILES = List.of(IDLE, WEB, DATABASE, BATCH, MEMORY_HOG);

    /** A workload writing its disks at a twentieth of its memory dirty rate (an assumption, for custom ones). */
    public Workload(String profile, double baseFraction, double swingFraction, int periodSeconds,
                    double dirtyMbPerSec) {
        this(profile, baseFraction, swingFraction, periodSeconds, dirtyMbPerSec, dirtyMbPerSec / 20);
    }

    /**
     * A guest that commits about {@code demandMb} (a runaway cache, a leak, a batch job loading its data set),
     * writing memory fast.
     */
    public static Workload memoryHog(long startupMb, long demandMb) {
        return new Workload("memory-hog", (double) demandMb / startupMb, 0.01, 600, 400);
    }

    /** The same workload writing memory at another rate (how hard it is to live-migrate). */
    public Workload withDirtyRate(double mbPerSec) {
        if (!(mbPerSec >= 0)) {
            throw new CommandRejected("the dirty rate must be 0 MB/s or more, was " + mbPerSec);
        }
        return new Workload(profile, baseFraction, swingFraction, periodSeconds, mbPerSec, diskWriteMbPerSec);
    }

    /**
     * Committed memory at a time, for a VM whose phase is set by its seed.
     *
     * @param startupMb the VM's startup memory: demand is sized against it
     */
    public long demandMb(long startupMb, long second, double phase) {
        double angle = 2 * Math.PI * ((second + phase * periodSeconds) % periodSeconds) / periodSeconds;
        return Math.max(64, Math.round(startupMb * (baseFraction + swingFraction * Math.sin(angle))));
    }
}
