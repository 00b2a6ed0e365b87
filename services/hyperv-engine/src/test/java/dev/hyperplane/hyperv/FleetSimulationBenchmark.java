package dev.hyperplane.hyperv;

import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.guestsupport.LisMatrix;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench.hosts} hosts (default 2,500) x {@code bench.vms} VMs (default 20) for one simulated hour on one
 * thread: reports simulated seconds per wall second and heap. Goal: at least 100x real time. Run with -Pbench.
 */
class FleetSimulationBenchmark {
    private static final int HOSTS = Integer.getInteger("bench.hosts", 2500);
    private static final int VMS = Integer.getInteger("bench.vms", 20);
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void one_simulated_hour_of_the_fleet() throws Exception {
        LisMatrix matrix = LisMatrix.shipped();
        List<Guest> guests = List.of(Guest.windows("2022"),
                Guest.linux(matrix.find("Ubuntu", "20.04 LTS").orElseThrow()),
                Guest.linux(matrix.find("RHEL/CentOS", "7.6-7.9").orElseThrow()),
                Guest.linux(matrix.find("Debian", "11 (Bullseye)").orElseThrow()),
                Guest.linux(matrix.find("SUSE (SLES)", "SLES 15").orElseThrow()),
                Guest.linux(matrix.find("RHEL/CentOS", "6.4").orElseThrow()));
        List<Workload> workloads = List.of(Workload.IDLE, Workload.WEB, Workload.DATABASE, Workload.BATCH,
                Workload.MEMORY_HOG);
        HostVersion[] versions = HostVersion.values();
        long[] events = new long[1];
        Random random = new Random(2026);

        long setup = System.nanoTime();
        List<SimulatedHost> fleet = new ArrayList<>(HOSTS);
        for (int h = 0; h < HOSTS; h++) {
            SimulatedHost host = new SimulatedHost(new HostSpec("host-" + h, versions[h % versions.length], 64, 2,
                    262144, 8192, HostSpec.MigrationSettings.DEFAULT), h, matrix, e -> events[0]++);
            for (int v = 0; v < VMS; v++) {
                Guest guest = guests.get(random.nextInt(guests.size()));
                boolean dynamic = random.nextBoolean();
                MemorySettings memory = dynamic ? MemorySettings.dynamic(4096, 1024, 16384, 20, random.nextInt(101))
                        : MemorySettings.fixed(4096);
                String id = "vm-" + h + "-" + v;
                host.define(id, new VmSpec(id, 1, false, 1 + random.nextInt(8), memory, 1, 1, guest,
                        workloads.get(random.nextInt(workloads.size()))));
                host.start(id);
            }
            fleet.add(host);
        }
        double setupSeconds = (System.nanoTime() - setup) / 1e9;

        long start = System.nanoTime();
        for (SimulatedHost host : fleet) {
            host.advance(HOUR);
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        System.gc();
        long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
        double speedup = HOUR.toSeconds() / wallSeconds;
        String report = """
                # Fleet simulation benchmark

                | measure | value |
                |---|---|
                | hosts x VMs | %d x %d |
                | simulated time | %d s |
                | setup (define + start) | %.1f s |
                | wall time for the simulated hour | %.1f s |
                | simulated seconds per wall second | %.0f (goal >= 100) |
                | VM-seconds per wall second | %.2e |
                | engine events | %d |
                | heap after the run | %d MB |
                | processors available | %d |
                """.formatted(HOSTS, VMS, HOUR.toSeconds(), setupSeconds, wallSeconds, speedup,
                (double) HOSTS * VMS * HOUR.toSeconds() / wallSeconds, events[0], heapMb,
                Runtime.getRuntime().availableProcessors());
        System.out.println(report);
        Files.writeString(Path.of("target", "engine-benchmark-report.md"), report);
        assertThat(events[0]).isPositive();
    }
}
