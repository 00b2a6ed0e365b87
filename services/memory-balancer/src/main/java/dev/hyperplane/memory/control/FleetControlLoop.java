package dev.hyperplane.memory.control;

import dev.hyperplane.memory.command.ClearMemoryAlert;
import dev.hyperplane.memory.command.RaiseMemoryAlert;
import dev.hyperplane.memory.command.RequestRebalance;
import dev.hyperplane.memory.config.BalancerConfig;
import dev.hyperplane.memory.domain.AlertCondition;
import dev.hyperplane.memory.domain.FleetBalancer;
import dev.hyperplane.memory.domain.HostHeat;
import dev.hyperplane.memory.domain.HostSnapshot;
import dev.hyperplane.memory.domain.Rebalance;
import dev.hyperplane.memory.query.FleetMemory;
import dev.hyperplane.memory.query.MemoryAlerts;
import dev.hyperplane.memory.query.Rebalances;
import dev.hyperplane.memory.query.Recommendations;
import dev.hyperplane.platform.cluster.Leadership;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fleet memory control loop, every {@code hyperplane.memory.loop-period} (15 s by default). Each round
 * re-reads desired and actual state — the hosts' latest samples, the VMs' settings and policies, the heat and need
 * trends it remembered, the decisions still in flight, and which hosts' last decision failed (their cooldown is
 * released) — runs {@link FleetBalancer#round},
 * and makes the world agree: rebalance decisions and alerts are
 * published through the hosts' {@code HostMemoryControl} aggregates (idempotent by id, so a round repeated after a
 * crash publishes nothing twice), the heat is stored after them, recommendations are replaced, and memory
 * policies are pushed where a host's settings differ. With several replicas only the leader runs rounds
 * ({@link Leadership}): everything a round needs is in the database, so a new leader goes on where the old stopped.
 */
@ApplicationScoped
public class FleetControlLoop {
    private static final Logger LOG = Logger.getLogger(FleetControlLoop.class);

    @Inject
    FleetMemory fleet;
    @Inject
    MemoryAlerts alerts;
    @Inject
    Recommendations recommendations;
    @Inject
    PolicyPusher pusher;
    @Inject
    CommandGateway commands;
    @Inject
    BalancerConfig config;
    @Inject
    Clock clock;
    @Inject
    Leadership leadership;
    @Inject
    Rebalances rebalances;

    @Scheduled(every = "${hyperplane.memory.loop-period}", delayed = "${hyperplane.memory.loop-period}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!leadership.isLeader()) {
            return;
        }
        try {
            runRound();
        } catch (RuntimeException e) {
            LOG.warn("memory control round failed; the next round starts again from the samples", e);
        }
    }

    synchronized void runRound() {
        Instant now = clock.instant();
        List<FleetMemory.Host> hosts = fleet.hosts();
        Map<String, FleetMemory.Vm> vms = fleet.placedVms();
        List<HostSnapshot> snapshots = fleet.snapshots(hosts, vms, now, config.sampleMaxAge());
        Set<String> released = rebalances.cooldownReleased();
        Map<String, HostHeat> heat = hosts.stream().collect(Collectors.toMap(FleetMemory.Host::hostId,
                h -> released.contains(h.hostId()) ? h.heat().released() : h.heat()));
        var round = FleetBalancer.round(snapshots, heat, rebalances.inFlight(now, config.inFlightMaxAge()),
                config.settings(), now);
        for (Rebalance decision : round.rebalances()) {
            commands.sendAndWait(new RequestRebalance(decision.fromHostId(), decision));
        }
        fleet.saveHeat(round.heat());
        AlertChanges alertChanges = reconcileAlerts(round.alerts(), snapshots, now);
        recommendations.replace(round.recommendations(), vms.values().stream()
                .collect(Collectors.toMap(FleetMemory.Vm::vmId, FleetMemory.Vm::tenantId)), now);
        int pushes = pusher.reconcile(vms, now, config.pushRetry());
        if (!round.rebalances().isEmpty() || alertChanges.raised() + alertChanges.cleared() + pushes > 0) {
            LOG.infof("memory round over %d hosts: %d rebalance decision(s), %d alert(s) raised, %d cleared, "
                    + "%d policy push(es)", snapshots.size(), round.rebalances().size(), alertChanges.raised(),
                    alertChanges.cleared(), pushes);
        }
    }

    /** Opens alerts for new conditions and closes those whose condition is gone, on the hosts this round saw. */
    private AlertChanges reconcileAlerts(List<AlertCondition> conditions, List<HostSnapshot> seen, Instant now) {
        Map<String, MemoryAlerts.Alert> open = alerts.open().stream()
                .collect(Collectors.toMap(MemoryAlerts.Alert::subject, Function.identity(), (a, b) -> a));
        Map<String, AlertCondition> holding = new HashMap<>();
        conditions.forEach(c -> holding.put(c.subject(), c));
        int raised = 0;
        for (AlertCondition c : holding.values()) {
            if (!open.containsKey(c.subject())) {
                commands.sendAndWait(new RaiseMemoryAlert(c.hostId(), c.subject() + "@" + now.toEpochMilli(), c));
                raised++;
            }
        }
        Set<String> seenHosts = seen.stream().map(HostSnapshot::hostId).collect(Collectors.toSet());
        int cleared = 0;
        for (MemoryAlerts.Alert alert : open.values()) {
            if (!holding.containsKey(alert.subject()) && seenHosts.contains(alert.hostId())) {
                commands.sendAndWait(new ClearMemoryAlert(alert.hostId(), alert.alertId(), "no longer holds"));
                cleared++;
            }
        }
        return new AlertChanges(raised, cleared);
    }

    private record AlertChanges(int raised, int cleared) {
    }
}
