package dev.hyperplane.hyperv;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-copy model of a live migration (a model built on Microsoft's description of
 * pre-copy live migration, not Microsoft's code): pass 1 sends all memory; each later pass re-sends what was dirtied during the previous one;
 * iteration stops when the rest fits in the blackout budget or at the host's pass limit (10 passes on WS2012,
 * 5 from WS2012 R2). The blackout sends the rest plus device state.
 */
public final class LiveMigration implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Remaining memory sendable within this is small enough to stop iterating. */
    static final double BLACKOUT_BUDGET_S = 0.3;
    /** Beyond this blackout the TCP session would time out: the migration fails instead (an assumption). */
    static final double MAX_BLACKOUT_S = 10;
    static final long STATE_AND_ARP_MS = 10;

    /** One pass: MB sent and the seconds it took. */
    public record Pass(int number, long sentMb, double seconds) implements Serializable {
    }

    /**
     * @param converged  false when the pass limit was hit with too much left to send in a blackout
     * @param downtimeMs the blackout, when converged
     */
    public record Plan(List<Pass> passes, boolean converged, long finalMb, long downtimeMs) implements Serializable {
        public double totalSeconds() {
            return passes.stream().mapToDouble(Pass::seconds).sum() + downtimeMs / 1000.0;
        }
    }

    /**
     * @param memoryMb      the VM's assigned memory
     * @param dirtyMbPerSec how fast its workload writes memory
     * @param mbPerSec      effective transfer rate
     */
    public static Plan plan(long memoryMb, double dirtyMbPerSec, double mbPerSec, int maxPasses) {
        List<Pass> passes = new ArrayList<>();
        long toSend = memoryMb;
        for (int number = 1; ; number++) {
            double seconds = toSend / mbPerSec;
            passes.add(new Pass(number, toSend, seconds));
            long dirtied = Math.min(memoryMb, Math.round(dirtyMbPerSec * seconds));
            if (dirtied <= mbPerSec * BLACKOUT_BUDGET_S || number == maxPasses) {
                double blackout = dirtied / mbPerSec;
                boolean converged = blackout <= MAX_BLACKOUT_S;
                return new Plan(passes, converged, dirtied, Math.round(blackout * 1000) + STATE_AND_ARP_MS);
            }
            toSend = dirtied;
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
