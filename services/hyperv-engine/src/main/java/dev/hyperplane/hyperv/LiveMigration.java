package dev.hyperplane.hyperv;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The pre-copy model of a live migration (built on Microsoft's description of pre-copy live migration, not
 * Microsoft's code): pass 1 sends all memory; each later pass re-sends what the workload dirtied during the
 * previous one. After each pass a {@link Convergence} schedule decides: hand off (the rest fits in the pass's
 * allowed downtime, and the blackout sends it with the device state), another pass, or, at the end of the
 * schedule, a final stop-and-copy or failure. Pure functions; {@link LiveMigrations} runs them pass by pass.
 */
public final class LiveMigration implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Hyper-V stops iterating when the rest can be sent within this. */
    static final long HYPER_V_BLACKOUT_BUDGET_MS = 300;
    /** Beyond this blackout the TCP session would time out: Hyper-V fails the migration instead (an assumption). */
    static final long HYPER_V_MAX_BLACKOUT_MS = 10_000;
    static final long STATE_AND_ARP_MS = 10;

    /**
     * How a migration converges, chosen by whoever starts it (in oVirt, the engine hands VDSM such a schedule).
     *
     * @param allowedDowntimeMs  the downtime allowed after pass 1, 2, ...: one step per pass
     * @param stallWindow        remaining dirty memory not shrinking over this many passes moves to the next step
     *                           at once; 0 = no stall detection
     * @param finalStopAndCopyMs after the last step: the guest is paused and the rest copied if that takes at most
     *                           this long; 0 = the migration fails instead
     */
    public record Convergence(List<Long> allowedDowntimeMs, int stallWindow, long finalStopAndCopyMs)
            implements Serializable {
        public Convergence {
            allowedDowntimeMs = List.copyOf(allowedDowntimeMs);
            if (allowedDowntimeMs.isEmpty() || allowedDowntimeMs.stream().anyMatch(ms -> ms <= 0)) {
                throw new CommandRejected("a convergence schedule needs at least one allowed downtime, each > 0 ms");
            }
            if (stallWindow < 0 || finalStopAndCopyMs < 0) {
                throw new CommandRejected("stall window and final stop-and-copy must not be negative");
            }
        }

        /**
         * What Hyper-V does by itself: iterate until the rest fits in 300 ms or the host's pass limit (10 passes on
         * WS2012, 5 from WS2012 R2), then a blackout of up to 10 s.
         */
        public static Convergence hyperV(int maxPasses) {
            return new Convergence(Collections.nCopies(maxPasses, HYPER_V_BLACKOUT_BUDGET_MS), 0,
                    HYPER_V_MAX_BLACKOUT_MS);
        }
    }

    /**
     * One finished pass.
     *
     * @param sentMb            what it sent
     * @param dirtiedMb         what the workload dirtied meanwhile: the next pass's (or the blackout's) load
     * @param allowedDowntimeMs the allowed downtime it was judged against
     */
    public record Pass(int number, long sentMb, double seconds, long dirtiedMb, long allowedDowntimeMs)
            implements Serializable {
    }

    public enum Outcome { NEXT_PASS, HAND_OFF, FAIL }

    /**
     * The decision after a pass.
     *
     * @param allowedDowntimeMs what the pass was judged against (the final stop-and-copy's limit when it came to that)
     * @param step              the schedule step the next pass is judged by
     * @param downtimeMs        the blackout, when handing off
     * @param reason            why, when failing
     */
    public record Next(Outcome outcome, long allowedDowntimeMs, int step, long downtimeMs, String reason) {
    }

    /**
     * Decides after a pass.
     *
     * @param step    the schedule step this pass was judged by (0 for pass 1)
     * @param dirtied what each pass so far left dirty, this one last
     * @param mbPerSec the transfer rate the blackout would have
     */
    public static Next afterPass(Convergence convergence, int step, List<Long> dirtied, double mbPerSec) {
        long rest = dirtied.get(dirtied.size() - 1);
        long blackout = blackoutMs(rest, mbPerSec);
        List<Long> ladder = convergence.allowedDowntimeMs();
        if (stalled(dirtied, convergence.stallWindow())) {
            step++; // not shrinking: the next step at once
        }
        long allowed = ladder.get(Math.min(step, ladder.size() - 1));
        if (step < ladder.size() && blackout <= allowed) {
            return new Next(Outcome.HAND_OFF, allowed, step, blackout, null);
        }
        if (step + 1 < ladder.size()) {
            return new Next(Outcome.NEXT_PASS, allowed, step + 1, 0, null);
        }
        long last = convergence.finalStopAndCopyMs();
        if (last > 0 && blackout <= last) {
            return new Next(Outcome.HAND_OFF, last, ladder.size(), blackout, null);
        }
        String why = convergence.finalStopAndCopyMs() > 0
                ? "a stop-and-copy of the rest would take " + blackout + " ms, more than the "
                + convergence.finalStopAndCopyMs() + " ms allowed"
                : "the last allowed downtime, " + ladder.get(ladder.size() - 1) + " ms, was not enough";
        return new Next(Outcome.FAIL, last > 0 ? last : allowed, step, 0, "did not converge: " + rest + " MB still dirty after " + dirtied.size()
                + " passes; " + why);
    }

    /** True when what is left has not shrunk over the last {@code window} passes. */
    static boolean stalled(List<Long> dirtied, int window) {
        int n = dirtied.size();
        return window > 0 && n > window && dirtied.get(n - 1) >= dirtied.get(n - 1 - window);
    }

    static long blackoutMs(long restMb, double mbPerSec) {
        return Math.round(restMb / mbPerSec * 1000) + STATE_AND_ARP_MS;
    }

    /**
     * The whole migration ahead of time for a workload that dirties at a constant rate over a constant link (the
     * engine runs the same decisions pass by pass, with the rate and the workload of each moment).
     */
    public record Plan(List<Pass> passes, boolean converged, long downtimeMs, String failure) {
        public double totalSeconds() {
            return passes.stream().mapToDouble(Pass::seconds).sum() + downtimeMs / 1000.0;
        }
    }

    public static Plan plan(long memoryMb, double dirtyMbPerSec, double mbPerSec, Convergence convergence) {
        List<Pass> passes = new ArrayList<>();
        List<Long> dirtied = new ArrayList<>();
        long toSend = memoryMb;
        int step = 0;
        for (int number = 1; ; number++) {
            double seconds = toSend / mbPerSec;
            long dirty = Math.min(memoryMb, Math.round(dirtyMbPerSec * seconds));
            dirtied.add(dirty);
            Next next = afterPass(convergence, step, dirtied, mbPerSec);
            passes.add(new Pass(number, toSend, seconds, dirty, next.allowedDowntimeMs()));
            switch (next.outcome()) {
                case HAND_OFF -> {
                    return new Plan(passes, true, next.downtimeMs(), null);
                }
                case FAIL -> {
                    return new Plan(passes, false, 0, next.reason());
                }
                case NEXT_PASS -> {
                    step = next.step();
                    toSend = dirty;
                }
            }
        }
    }

    /**
     * Transfer rate by transport over a link of {@code linkMbPerSec}: TCP/IP uses the link; compression trades
     * idle CPU for up to 4x (throttled to what the host's CPUs leave idle); SMB Direct offloads to RDMA (6x,
     * no CPU). Ratios follow the published WS2012 R2 comparison (TCP > 60 s, compression ~15 s, SMB Direct < 10 s).
     */
    public static double rate(HostSpec.MigrationTransport transport, double linkMbPerSec, double idleCpuFraction) {
        return switch (transport) {
            case TCP -> linkMbPerSec;
            case COMPRESSION -> linkMbPerSec * (1 + 3 * Math.max(0, Math.min(1, idleCpuFraction)));
            case SMB -> linkMbPerSec * 6;
        };
    }

    private LiveMigration() {
    }
}
