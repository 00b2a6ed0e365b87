package dev.hyperplane.memory;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.guestsupport.Guest;
import dev.hyperplane.guestsupport.GuestHosts;
import dev.hyperplane.guestsupport.HostVersion;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.hyperv.CommandRejected;
import dev.hyperplane.hyperv.EngineEvent;
import dev.hyperplane.hyperv.HostSpec;
import dev.hyperplane.hyperv.MemorySettings;
import dev.hyperplane.hyperv.MigratedVm;
import dev.hyperplane.hyperv.SimulatedHost;
import dev.hyperplane.hyperv.VmSpec;
import dev.hyperplane.hyperv.VmState;
import dev.hyperplane.hyperv.VmView;
import dev.hyperplane.hyperv.Workload;
import dev.hyperplane.memory.domain.FleetBalancer;
import dev.hyperplane.memory.domain.HostHeat;
import dev.hyperplane.memory.domain.HostSnapshot;
import dev.hyperplane.memory.domain.Hysteresis;
import dev.hyperplane.memory.domain.Rebalance;
import dev.hyperplane.memory.domain.VmSnapshot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many VMs a host carries with static memory, with Dynamic Memory (Hyper-V's per-host balancer in the engine)
 * and with Dynamic Memory plus this service's fleet balancer moving VMs off hot hosts, on the same seeded workload
 * trace: a list of Linux VMs (sizes and workload profiles drawn from a fixed seed) started one after the other
 * while their host has room for their startup memory, then run for two simulated hours.
 * <p>
 * A packing counts only if every VM got started, no guest ran out of memory, and no VM stayed above 100 %
 * pressure for more than 60 s. The density is the most VMs per host that pass. Run with
 * {@code ./mvnw -B install -DskipTests && ./mvnw -B verify -Pbench -pl services/memory-balancer}; the report goes to
 * {@code target/density-report.md}.
 */
class DensityBenchmark {
    private static final int LOGICAL_PROCESSORS = 64;
    private static final long SEED = 20261126L;
    private static final int HOSTS = 4;
    private static final long HOST_MB = 64 * 1024;
    private static final long ROOT_RESERVE_MB = 2048;
    private static final Duration RUN = Duration.ofHours(2);
    private static final Duration ADMISSION = Duration.ofMinutes(30);
    private static final Duration STARVATION_LIMIT = Duration.ofSeconds(60);
    private static final Duration LOOP_PERIOD = Duration.ofSeconds(15);
    private static final double LINK_MB_PER_SECOND = 1170;
    private static final FleetBalancer.Settings SETTINGS = new FleetBalancer.Settings(
            new Hysteresis(90, 10, Duration.ofSeconds(30)), Duration.ofMinutes(2), Duration.ofSeconds(60));
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final Guest UBUNTU = Guest.linux(MATRIX.find("Ubuntu", "20.04 LTS").orElseThrow());
    private static final Instant EPOCH = Instant.parse("2026-11-26T00:00:00Z");

    enum Mode { STATIC, DYNAMIC, DYNAMIC_WITH_FLEET_BALANCER }

    /** One VM of the trace. */
    record TraceVm(String vmId, long startupMb, Workload workload) {
    }

    /** What a run of {@code perHost} VMs per host did. */
    record Outcome(Mode mode, int perHost, boolean allStarted, int outOfMemory, long longestStarvationS,
                   int migrations) {
        boolean passes() {
            return allStarted && outOfMemory == 0 && longestStarvationS <= STARVATION_LIMIT.toSeconds();
        }
    }

    @Test
    void dynamic_memory_with_the_fleet_balancer_packs_more_vms_per_host_than_static_memory() throws IOException {
        List<TraceVm> trace = trace(HOSTS * 80);
        Map<Mode, Outcome> best = new LinkedHashMap<>();
        List<Outcome> runs = new ArrayList<>();
        int from = 12;
        for (Mode mode : Mode.values()) {
            Outcome last = null;
            // dynamic modes start where static memory stopped: the question is how far past it they go
            for (int perHost = from; perHost * HOSTS <= trace.size(); perHost++) {
                Outcome outcome = run(mode, trace.subList(0, perHost * HOSTS), perHost);
                runs.add(outcome);
                if (!outcome.passes()) {
                    break;
                }
                last = outcome;
            }
            best.put(mode, last);
            if (mode == Mode.STATIC && last != null) {
                from = last.perHost();
            }
        }
        int staticDensity = best.get(Mode.STATIC).perHost();
        String report = report(best, runs, trace, staticDensity);
        Path file = Path.of("target", "density-report.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);

        assertThat(best.get(Mode.DYNAMIC_WITH_FLEET_BALANCER)).isNotNull();
        assertThat(best.get(Mode.DYNAMIC_WITH_FLEET_BALANCER).perHost()).as("the goal: 1.5x the static density")
                .isGreaterThanOrEqualTo((int) Math.ceil(1.5 * staticDensity));
    }

    /** Sizes 1, 2 or 4 GB and the four everyday profiles, drawn from the seed. */
    private static List<TraceVm> trace(int count) {
        Random random = new Random(SEED);
        long[] sizes = {1024, 2048, 2048, 4096};
        Workload[] workloads = {Workload.IDLE, Workload.WEB, Workload.DATABASE, Workload.BATCH};
        List<TraceVm> trace = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            trace.add(new TraceVm("vm-%03d".formatted(i), sizes[random.nextInt(sizes.length)],
                    workloads[random.nextInt(workloads.length)]));
        }
        return trace;
    }

    private static Outcome run(Mode mode, List<TraceVm> vms, int perHost) {
        Map<String, SimulatedHost> hosts = new LinkedHashMap<>();
        Deque<Map.Entry<String, MigratedVm>> handOffs = new ArrayDeque<>(); // source host, VM at its blackout
        Deque<String> ended = new ArrayDeque<>(); // VMs whose migration failed: their destination lets go
        int[] outOfMemory = {0};
        for (int h = 0; h < HOSTS; h++) {
            String hostId = "host-" + h;
            hosts.put(hostId, new SimulatedHost(new HostSpec(hostId, HostVersion.WS2019, LOGICAL_PROCESSORS, 2, HOST_MB,
                    ROOT_RESERVE_MB, HostSpec.MigrationSettings.DEFAULT), SEED + h, MATRIX, event -> {
                if (event instanceof EngineEvent.GuestOutOfMemory) {
                    outOfMemory[0]++;
                } else if (event instanceof EngineEvent.MigrationReadyForHandOff ready) {
                    handOffs.add(Map.entry(hostId, ready.handOff()));
                } else if (event instanceof EngineEvent.MigrationFailed failed) {
                    ended.add(failed.vmId());
                }
            }));
        }
        // round-robin: host h gets VMs h, h + HOSTS, ...; each waits until its host has room for its startup
        Map<String, Deque<TraceVm>> waiting = new HashMap<>();
        for (int i = 0; i < vms.size(); i++) {
            TraceVm vm = vms.get(i);
            String hostId = "host-" + (i % HOSTS);
            hosts.get(hostId).define(vm.vmId(), spec(vm, mode));
            waiting.computeIfAbsent(hostId, k -> new ArrayDeque<>()).add(vm);
        }
        Map<String, String> migratingTo = new HashMap<>();
        Map<String, Long> starvedSince = new HashMap<>();
        Map<String, HostHeat> heat = new HashMap<>();
        long longestStarvation = 0;
        int migrations = 0;
        for (long second = 1; second <= RUN.toSeconds(); second++) {
            for (var entry : hosts.entrySet()) {
                Deque<TraceVm> queue = waiting.get(entry.getKey());
                SimulatedHost host = entry.getValue();
                while (queue != null && !queue.isEmpty() && host.freeMemoryMb() >= queue.peek().startupMb()) {
                    host.start(queue.poll().vmId());
                }
                host.advance(Duration.ofSeconds(1));
            }
            while (!handOffs.isEmpty()) { // reserve first: the source keeps the VM until the destination runs it
                var handOff = handOffs.poll();
                MigratedVm moved = handOff.getValue();
                SimulatedHost destination = hosts.get(migratingTo.remove(moved.vmId()));
                try {
                    destination.acceptIn(moved);
                    hosts.get(handOff.getKey()).completeMigrationOut(moved.vmId());
                    migrations++;
                } catch (CommandRejected refused) {
                    hosts.get(handOff.getKey()).abortMigration(moved.vmId(), refused.getMessage());
                    destination.releaseIncoming(moved.vmId());
                }
            }
            while (!ended.isEmpty()) {
                String vmId = ended.poll();
                String to = migratingTo.remove(vmId);
                if (to != null) {
                    hosts.get(to).releaseIncoming(vmId);
                }
            }
            for (SimulatedHost host : hosts.values()) {
                for (String vmId : host.vmIds()) {
                    VmView view = host.vmView(vmId);
                    if (view.state() == VmState.RUNNING && view.pressure() > 100) {
                        long since = starvedSince.computeIfAbsent(vmId, k -> -1L);
                        starvedSince.put(vmId, since < 0 ? second : since);
                        longestStarvation = Math.max(longestStarvation, second - starvedSince.get(vmId));
                    } else {
                        starvedSince.remove(vmId);
                    }
                }
            }
            if (mode == Mode.DYNAMIC_WITH_FLEET_BALANCER && second % LOOP_PERIOD.toSeconds() == 0) {
                Instant now = EPOCH.plusSeconds(second);
                var round = FleetBalancer.round(snapshots(hosts, starvedSince, second), heat, SETTINGS, now);
                heat.putAll(round.heat());
                for (Rebalance decision : round.rebalances()) {
                    SimulatedHost from = hosts.get(decision.fromHostId());
                    SimulatedHost to = hosts.get(decision.toHostId());
                    if (migratingTo.containsKey(decision.vmId())) {
                        continue;
                    }
                    try {
                        VmView vm = from.vmView(decision.vmId());
                        to.reserveIncoming(decision.vmId(), vm.spec(), vm.assignedMb());
                    } catch (CommandRejected noRoom) {
                        continue; // a refused decision: the next round chooses again
                    }
                    try {
                        from.migrateOut(decision.vmId(), decision.toHostId(), LINK_MB_PER_SECOND);
                        migratingTo.put(decision.vmId(), decision.toHostId());
                    } catch (CommandRejected busy) {
                        to.releaseIncoming(decision.vmId()); // the host's migration limit: the next round tells
                    }
                }
            }
            if (second == ADMISSION.toSeconds() && waiting.values().stream().anyMatch(q -> !q.isEmpty())) {
                return new Outcome(mode, perHost, false, outOfMemory[0], longestStarvation, migrations);
            }
        }
        return new Outcome(mode, perHost, true, outOfMemory[0], longestStarvation, migrations);
    }

    private static List<HostSnapshot> snapshots(Map<String, SimulatedHost> hosts, Map<String, Long> starvedSince,
                                                long second) {
        List<HostSnapshot> snapshots = new ArrayList<>();
        hosts.forEach((hostId, host) -> {
            List<VmSnapshot> vms = new ArrayList<>();
            for (String vmId : host.vmIds()) {
                VmView view = host.vmView(vmId);
                if (view.state() != VmState.RUNNING) {
                    continue;
                }
                MemorySettings m = view.spec().memory();
                MemoryPlan plan = m.dynamic()
                        ? new MemoryPlan(true, m.minimumMb(), m.maximumMb(), m.bufferPercent(), m.priority())
                        : MemoryPlan.fixed(m.startupMb());
                Long since = starvedSince.get(vmId);
                vms.add(new VmSnapshot(vmId, "bench", view.assignedMb(), view.demandMb(), m.startupMb(), plan, false,
                        since == null ? Duration.ZERO : Duration.ofSeconds(second - since), false,
                        new VmSnapshot.PlacementNeeds(view.spec().vcpus(), GuestHosts.everyLabel(), null)));
            }
            snapshots.add(new HostSnapshot(hostId, HOST_MB - ROOT_RESERVE_MB, true, "2016", LOGICAL_PROCESSORS, vms));
        });
        return snapshots;
    }

    /**
     * Static: startup is all it has. Dynamic, as a hosting plan would sell it: 512 MB minimum, bursts up to twice
     * the startup size, 20 % buffer. (With maximum = startup a Linux guest near its peak reports more than it may
     * hold: its balloon floor counts in its demand.)
     */
    private static VmSpec spec(TraceVm vm, Mode mode) {
        MemorySettings memory = mode == Mode.STATIC ? MemorySettings.fixed(vm.startupMb())
                : MemorySettings.dynamic(vm.startupMb(), 512, 2 * vm.startupMb(), 20, 50);
        return new VmSpec(vm.vmId(), 1, false, 1, memory, 1, 1, UBUNTU, vm.workload());
    }

    private static String report(Map<Mode, Outcome> best, List<Outcome> runs, List<TraceVm> trace,
                                 int staticDensity) {
        StringBuilder out = new StringBuilder("""
                # Density benchmark

                %d hosts of %d MB (%d MB root reserve), Linux guests (Ubuntu 20.04) of 1, 2 or 4 GB running idle, web,
                database and batch workloads drawn from seed %d; VMs start while their host has room for their
                startup memory and run %d simulated minutes. Dynamic Memory: 512 MB minimum, maximum twice the startup
                size (bursts), 20 %% buffer. A packing passes with every VM started within
                %d minutes, zero guest out-of-memory events and no VM above 100 %% pressure for more than %d s.

                | mode | VMs per host | vs static | migrations | longest starvation (s) |
                |---|---|---|---|---|
                """.formatted(HOSTS, HOST_MB, ROOT_RESERVE_MB, SEED, RUN.toMinutes(), ADMISSION.toMinutes(),
                STARVATION_LIMIT.toSeconds()));
        best.forEach((mode, o) -> out.append("| %s | %s | %s | %s | %s |\n".formatted(mode.name().toLowerCase(),
                o == null ? "none" : o.perHost(), o == null ? "-" : "%.2fx".formatted((double) o.perHost() / staticDensity),
                o == null ? "-" : o.migrations(), o == null ? "-" : o.longestStarvationS())));
        out.append("\nEvery run (the first failing packing of each mode ends its search):\n\n")
                .append("| mode | VMs per host | all started | guest OOMs | longest starvation (s) | migrations | passes |\n")
                .append("|---|---|---|---|---|---|---|\n");
        runs.forEach(o -> out.append("| %s | %d | %s | %d | %d | %d | %s |\n".formatted(o.mode().name().toLowerCase(),
                o.perHost(), o.allStarted(), o.outOfMemory(), o.longestStarvationS(), o.migrations(), o.passes())));
        Outcome fleet = best.get(Mode.DYNAMIC_WITH_FLEET_BALANCER);
        double ratio = fleet == null ? 0 : (double) fleet.perHost() / staticDensity;
        out.append("\nGoal: >= 1.5x the static density. Result: %.2fx, %s.\n".formatted(ratio,
                ratio >= 1.5 ? "met" : "not met"));
        return out.toString();
    }
}
