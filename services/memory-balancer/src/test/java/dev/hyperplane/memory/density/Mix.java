package dev.hyperplane.memory.density;

import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.hyperv.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A kind of fleet a hosting provider runs, as the draws a trace is made of: guest sizes, workload profiles and the
 * share of Windows guests. The same mix and seed always give the same trace.
 */
enum Mix {
    LINUX("Linux only", 0, new long[]{1024, 2048, 2048, 4096}, new long[]{},
            Workload.IDLE, Workload.WEB, Workload.DATABASE, Workload.BATCH),
    WINDOWS_AND_LINUX("Windows and Linux", 50, new long[]{1024, 2048, 2048, 4096}, new long[]{2048, 4096, 4096, 8192},
            Workload.IDLE, Workload.WEB, Workload.DATABASE, Workload.BATCH),
    SMALL("small VMs only", 0, new long[]{1024, 1024, 1536}, new long[]{},
            Workload.IDLE, Workload.WEB, Workload.DATABASE, Workload.BATCH),
    LARGE("mostly large VMs", 0, new long[]{2048, 8192, 8192, 16384}, new long[]{},
            Workload.IDLE, Workload.WEB, Workload.DATABASE, Workload.BATCH),
    BURSTY("bursty, batch-heavy", 0, new long[]{1024, 2048, 2048, 4096}, new long[]{},
            Workload.BATCH, Workload.BATCH, Workload.BATCH, Workload.WEB);

    private static final LisMatrix MATRIX = LisMatrix.shipped();
    static final Guest UBUNTU = Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow());
    static final Guest WINDOWS = Guest.windows("2019");

    final String label;
    private final int windowsPercent;
    private final long[] linuxSizesMb;
    private final long[] windowsSizesMb;
    private final Workload[] workloads;

    Mix(String label, int windowsPercent, long[] linuxSizesMb, long[] windowsSizesMb, Workload... workloads) {
        this.label = label;
        this.windowsPercent = windowsPercent;
        this.linuxSizesMb = linuxSizesMb;
        this.windowsSizesMb = windowsSizesMb;
        this.workloads = workloads;
    }

    /** The first {@code count} VMs of this mix's trace for {@code seed}; a longer trace starts with a shorter one. */
    List<TraceVm> trace(long seed, int count) {
        Random random = new Random(seed);
        List<TraceVm> trace = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean windows = random.nextInt(100) < windowsPercent;
            long[] sizes = windows ? windowsSizesMb : linuxSizesMb;
            trace.add(new TraceVm("vm-%03d".formatted(i), sizes[random.nextInt(sizes.length)],
                    windows ? WINDOWS : UBUNTU, workloads[random.nextInt(workloads.length)]));
        }
        return trace;
    }
}
