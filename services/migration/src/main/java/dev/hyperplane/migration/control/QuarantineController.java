package dev.hyperplane.migration.control;

import dev.hyperplane.migration.command.StartEvacuation;
import dev.hyperplane.migration.query.Evacuations;
import dev.hyperplane.migration.query.HaIncidents;
import dev.hyperplane.migration.query.HaLiveness;
import dev.hyperplane.migration.query.MigrationVms;
import dev.hyperplane.platform.cluster.Leadership;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Moves the VMs away from a quarantined host, as Windows Server drains a quarantined node: on the leading replica
 * every {@code hyperplane.migration.evacuation-interval}, a quarantined host that reports again (it is not fenced:
 * a fenced host runs nothing) and runs a VM gets one evacuation for this quarantine, requested by
 * {@value #REQUESTED_BY}. The evacuation puts it into maintenance and its own loop takes up any VM found on it later;
 * the host leaves maintenance when an operator says so, after the quarantine too, since a host that had to be drained
 * deserves a look. The evacuation's id is derived from the quarantine, so a round repeated by a new leader finds it
 * started and starts nothing twice.
 */
@ApplicationScoped
public class QuarantineController {
    static final String REQUESTED_BY = "ha-quarantine";
    private static final Logger LOG = Logger.getLogger(QuarantineController.class);

    @Inject
    HaIncidents incidents;
    @Inject
    HaLiveness liveness;
    @Inject
    MigrationVms vms;
    @Inject
    Evacuations evacuations;
    @Inject
    EvacuationPlanner planner;
    @Inject
    CommandGateway commands;
    @Inject
    Leadership leadership;

    @Scheduled(every = "${hyperplane.migration.evacuation-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void converge() {
        if (!leadership.isLeader()) {
            return;
        }
        Map<String, HaLiveness.Watched> watched = liveness.watched().stream()
                .collect(Collectors.toMap(HaLiveness.Watched::hostId, Function.identity()));
        for (HaIncidents.HostState host : incidents.hosts()) {
            HaLiveness.Watched heard = watched.get(host.hostId());
            if (!host.quarantined() || host.fenced() || heard == null || !liveness.reporting(heard)) {
                continue;
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> drain(host.hostId(), host.quarantinedAt()));
            } catch (RuntimeException e) {
                LOG.warnf("quarantined host %s not drained this round: %s", host.hostId(), e.toString());
            }
        }
    }

    void drain(String hostId, Instant quarantinedAt) {
        String evacuationId = evacuationIdOf(hostId, quarantinedAt);
        if (evacuations.find(evacuationId).isPresent() || evacuations.underWayOn(hostId).isPresent()
                || vms.onHost(hostId).stream().noneMatch(vm -> vm.state().equals("Running"))) {
            return;
        }
        EvacuationPlanner.Plan plan = planner.out(evacuationId, hostId, REQUESTED_BY, Set.of());
        commands.sendAndWait(new StartEvacuation(evacuationId, hostId, plan.added(), REQUESTED_BY));
        LOG.infof("quarantined host %s runs VMs again: evacuation %s moves them away", hostId, evacuationId);
    }

    /** One evacuation per quarantine of a host. */
    static String evacuationIdOf(String hostId, Instant quarantinedAt) {
        return UUID.nameUUIDFromBytes(("ha-quarantine:" + hostId + ":" + quarantinedAt)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
