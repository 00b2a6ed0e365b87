package dev.hyperplane.memory.density;

import dev.hyperplane.events.MemoryPlan;
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
import dev.hyperplane.memory.domain.FleetBalancer;
import dev.hyperplane.memory.domain.HostHeat;
import dev.hyperplane.memory.domain.HostSnapshot;
import dev.hyperplane.memory.domain.Hysteresis;
import dev.hyperplane.memory.domain.Rebalance;
import dev.hyperplane.memory.domain.VmSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One packing of a trace on simulated Hyper-V hosts (the engine, with its own per-host Dynamic Memory balancer),
 * run for two simulated hours. VMs are defined on the host {@code placement} gives them and each starts once its
 * host has free memory for its startup size. With {@link Mode#BALANCED} this service's {@link FleetBalancer} runs
 * every 15 s and its decisions are executed as the migration service does: the destination reserves first, the
 * source live-migrates, the destination accepts at the hand-off; any refusal on the way is a failed decision that
 * releases the host's cooldown.
 */
final class DensityRun {
    static final int LOGICAL_PROCESSORS = 64;
    static final long HOST_MB = 64 * 1024;
    static final long ROOT_RESERVE_MB = 2048;
    static final Duration RUN = Duration.ofHours(2);
    static final Duration ADMISSION = Duration.ofMinutes(30);
    static final Duration STARVATION_LIMIT = Duration.ofSeconds(60);
    static final Duration LOOP_PERIOD = Duration.ofSeconds(15);
    static final double LINK_MB_PER_SECOND = 1170;
    /** Dynamic Memory as a hosting plan sells it: 512 MB minimum, bursts to twice the startup size, 20 % buffer. */
    static final long MINIMUM_MB = 512;
    static final int BUFFER_PERCENT = 20;
    /** The balancer as the service runs it (application.properties). */
    static final Balancer SERVICE = new Balancer("service", new FleetBalancer.Settings(
            new Hysteresis(90, 10, Duration.ofSeconds(30)), Duration.ofMinutes(2), Duration.ofSeconds(60),
            Duration.ofSeconds(60), 1), true);
    /** The same balancer on the latest sample alone, blind to its moves in flight, as it ran before. */
    static final Balancer ON_THE_SAMPLE = new Balancer("on the sample", new FleetBalancer.Settings(
            new Hysteresis(90, 10, Duration.ofSeconds(30)), Duration.ofMinutes(2), Duration.ofSeconds(60)), false);
    private static final LisMatrix MATRIX = LisMatrix.shipped();
    private static final Instant EPOCH = Instant.parse("2026-11-26T00:00:00Z");

    enum Mode { STATIC, DYNAMIC, BALANCED }

    /** A fleet balancer's settings, and whether its rounds are told which moves are in flight. */
    record Balancer(String name, FleetBalancer.Settings settings, boolean seesMovesInFlight) {
    }

    /**
     * What a packing did.
     *
     * @param longestStarvationS the longest time any VM spent above 100 % pressure without a break
     * @param refusals           decisions that failed on the way: no room at the destination, or the move failed
     * @param peakDemandMb       the most each VM demanded during the run
     * @param peakFleetDemandMb  the most all VMs together demanded in one second: what no balancer can pack away
     */
    record Outcome(Mode mode, int perHost, boolean allStarted, int outOfMemory, long longestStarvationS,
                   int migrations, int refusals, Map<String, Long> peakDemandMb, long peakFleetDemandMb) {
        boolean passes() {
            return allStarted && outOfMemory == 0 && longestStarvationS <= STARVATION_LIMIT.toSeconds();
        }
    }

    private final Mode mode;
    private final int hosts;
    private final long hostMb;
    private final long seed;
    private final Balancer balancer;

    DensityRun(Mode mode, int hosts, long hostMb, long seed) {
        this(mode, hosts, hostMb, seed, SERVICE);
    }

    DensityRun(Mode mode, int hosts, long hostMb, long seed, Balancer balancer) {
        this.balancer = balancer;
        this.mode = mode;
        this.hosts = hosts;
        this.hostMb = hostMb;
        this.seed = seed;
    }

    /** Round-robin: host {@code h} gets VMs h, h + hosts, ... (what spreading placement does with one size). */
    static Function<Integer, Integer> roundRobin(int hosts) {
        return index -> index % hosts;
    }

    Outcome run(List<TraceVm> vms, Function<Integer, Integer> placement) {
        Map<String, SimulatedHost> fleet = new LinkedHashMap<>();
        Deque<Map.Entry<String, MigratedVm>> handOffs = new ArrayDeque<>(); // source host, VM at its blackout
        Deque<String> failedMoves = new ArrayDeque<>();
        int[] outOfMemory = {0};
        for (int h = 0; h < hosts; h++) {
            String hostId = "host-" + h;
            fleet.put(hostId, new SimulatedHost(new HostSpec(hostId, HostVersion.WS2019, LOGICAL_PROCESSORS, 2, hostMb,
                    ROOT_RESERVE_MB, HostSpec.MigrationSettings.DEFAULT), hostSeed(h), MATRIX, event -> {
                if (event instanceof EngineEvent.GuestOutOfMemory) {
                    outOfMemory[0]++;
                } else if (event instanceof EngineEvent.MigrationReadyForHandOff ready) {
                    handOffs.add(Map.entry(hostId, ready.handOff()));
                } else if (event instanceof EngineEvent.MigrationFailed failed) {
                    failedMoves.add(failed.vmId());
                }
            }));
        }
        Map<String, Deque<TraceVm>> waiting = new HashMap<>();
        for (int i = 0; i < vms.size(); i++) {
            TraceVm vm = vms.get(i);
            String hostId = "host-" + placement.apply(i);
            fleet.get(hostId).define(vm.vmId(), spec(vm));
            waiting.computeIfAbsent(hostId, k -> new ArrayDeque<>()).add(vm);
        }
        Map<String, Rebalance> inFlight = new HashMap<>(); // by VM: decisions being executed
        Map<String, Long> starvedSince = new HashMap<>();
        Map<String, Long> peaks = new HashMap<>();
        Map<String, HostHeat> heat = new HashMap<>();
        long longestStarvation = 0;
        int migrations = 0;
        int refusals = 0;
        long peakFleetDemand = 0;
        for (long second = 1; second <= RUN.toSeconds(); second++) {
            for (var entry : fleet.entrySet()) {
                Deque<TraceVm> queue = waiting.get(entry.getKey());
                SimulatedHost host = entry.getValue();
                while (queue != null && !queue.isEmpty() && host.freeMemoryMb() >= queue.peek().startupMb()) {
                    host.start(queue.poll().vmId());
                }
                host.advance(Duration.ofSeconds(1));
            }
            while (!handOffs.isEmpty()) { // the source keeps the VM until the destination runs it
                var handOff = handOffs.poll();
                MigratedVm moved = handOff.getValue();
                Rebalance decision = inFlight.remove(moved.vmId());
                SimulatedHost destination = fleet.get(decision.toHostId());
                try {
                    destination.acceptIn(moved);
                    fleet.get(handOff.getKey()).completeMigrationOut(moved.vmId());
                    migrations++;
                } catch (CommandRejected refused) {
                    fleet.get(handOff.getKey()).abortMigration(moved.vmId(), refused.getMessage());
                    destination.releaseIncoming(moved.vmId());
                    refusals++;
                    release(heat, decision.fromHostId());
                }
            }
            while (!failedMoves.isEmpty()) {
                Rebalance decision = inFlight.remove(failedMoves.poll());
                if (decision != null) {
                    fleet.get(decision.toHostId()).releaseIncoming(decision.vmId());
                    refusals++;
                    release(heat, decision.fromHostId());
                }
            }
            long fleetDemand = 0;
            for (SimulatedHost host : fleet.values()) {
                for (String vmId : host.vmIds()) {
                    VmView view = host.vmView(vmId);
                    if (view.state() != VmState.RUNNING) {
                        continue;
                    }
                    peaks.merge(vmId, view.demandMb(), Math::max);
                    fleetDemand += view.demandMb();
                    if (view.pressure() > 100) {
                        long since = starvedSince.computeIfAbsent(vmId, k -> -1L);
                        starvedSince.put(vmId, since < 0 ? second : since);
                        longestStarvation = Math.max(longestStarvation, second - starvedSince.get(vmId));
                    } else {
                        starvedSince.remove(vmId);
                    }
                }
            }
            peakFleetDemand = Math.max(peakFleetDemand, fleetDemand);
            if (mode == Mode.BALANCED && second % LOOP_PERIOD.toSeconds() == 0) {
                Instant now = EPOCH.plusSeconds(second);
                var round = FleetBalancer.round(snapshots(fleet, starvedSince, second), heat,
                        balancer.seesMovesInFlight() ? List.copyOf(inFlight.values()) : List.of(), balancer.settings(),
                        now);
                heat.putAll(round.heat());
                for (Rebalance decision : round.rebalances()) {
                    if (inFlight.containsKey(decision.vmId())) {
                        continue;
                    }
                    SimulatedHost from = fleet.get(decision.fromHostId());
                    SimulatedHost to = fleet.get(decision.toHostId());
                    try {
                        VmView vm = from.vmView(decision.vmId());
                        to.reserveIncoming(decision.vmId(), vm.spec(), vm.assignedMb());
                    } catch (CommandRejected noRoom) {
                        refusals++;
                        release(heat, decision.fromHostId());
                        continue;
                    }
                    try {
                        from.migrateOut(decision.vmId(), decision.toHostId(), LINK_MB_PER_SECOND);
                        inFlight.put(decision.vmId(), decision);
                    } catch (CommandRejected busy) { // the source's migration limit
                        to.releaseIncoming(decision.vmId());
                        refusals++;
                        release(heat, decision.fromHostId());
                    }
                }
            }
            if (second == ADMISSION.toSeconds() && waiting.values().stream().anyMatch(q -> !q.isEmpty())) {
                return new Outcome(mode, vms.size() / hosts, false, outOfMemory[0], longestStarvation, migrations,
                        refusals, peaks, peakFleetDemand);
            }
        }
        return new Outcome(mode, vms.size() / hosts, true, outOfMemory[0], longestStarvation, migrations, refusals,
                peaks, peakFleetDemand);
    }

    /**
     * Each host's seed, spread over the bits: {@link java.util.Random} seeded with neighbouring numbers starts with
     * nearly the same draws, which would give the VMs of different hosts nearly the same workload phases.
     */
    private long hostSeed(int h) {
        return seed ^ (0x9E3779B97F4A7C15L * (h + 1));
    }

    /** A failed decision will not take effect: the host may decide again at once. */
    private static void release(Map<String, HostHeat> heat, String hostId) {
        heat.computeIfPresent(hostId, (id, h) -> h.released());
    }

    private List<HostSnapshot> snapshots(Map<String, SimulatedHost> fleet, Map<String, Long> starvedSince,
                                         long second) {
        List<HostSnapshot> snapshots = new ArrayList<>();
        fleet.forEach((hostId, host) -> {
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
            snapshots.add(new HostSnapshot(hostId, hostMb - ROOT_RESERVE_MB, true, HostVersion.WS2019.label(),
                    LOGICAL_PROCESSORS, vms));
        });
        return snapshots;
    }

    /**
     * Static: startup is all it has. Dynamic: 512 MB minimum, maximum twice the startup size, 20 % buffer. (With
     * maximum = startup a Linux guest near its peak reports more than it may hold: its balloon floor counts in its
     * demand.)
     */
    private VmSpec spec(TraceVm vm) {
        MemorySettings memory = mode == Mode.STATIC ? MemorySettings.fixed(vm.startupMb())
                : MemorySettings.dynamic(vm.startupMb(), MINIMUM_MB, 2 * vm.startupMb(), BUFFER_PERCENT, 50);
        return new VmSpec(vm.vmId(), 1, false, 1, memory, 1, 1, vm.guest(), vm.workload());
    }
}
