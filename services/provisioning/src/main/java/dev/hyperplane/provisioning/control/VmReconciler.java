package dev.hyperplane.provisioning.control;

import dev.hyperplane.events.agent.HostInventoryReported;
import dev.hyperplane.platform.cluster.Leadership;
import dev.hyperplane.provisioning.command.ReconcileVm;
import dev.hyperplane.provisioning.domain.Reconciliation;
import dev.hyperplane.provisioning.query.PlacementStore;
import dev.hyperplane.provisioning.query.VmQueries;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller loop of provisioning: each host inventory report (every agent start, then periodically) is
 * compared with what provisioning believes about the VMs recorded on that host and the VMs the host reports, and
 * each difference goes to its VM as a {@link ReconcileVm}, which records it as an event with its cause. Idempotent:
 * the same report twice, or a report of a host that already converged, corrects nothing. Reports are keyed by
 * host, so with several replicas each host is reconciled by one of them at a time. A host inventory finds not Ready
 * has its settled VMs marked Unknown, never Lost, by a sweep every 2 s ({@link #markVmsOfSilentHostsUnknown}) that
 * re-reads which hosts are not Ready, on the leading replica ({@link Leadership}).
 */
@ApplicationScoped
public class VmReconciler {
    private static final Logger LOG = Logger.getLogger(VmReconciler.class);

    @Inject
    VmQueries queries;
    @Inject
    CommandGateway commands;
    @Inject
    PlacementStore placement;
    @Inject
    Leadership leadership;
    @ConfigProperty(name = "hyperplane.provisioning.reconcile-grace")
    Duration grace;

    public void reconcile(HostInventoryReported report) {
        Map<String, String> reported = new LinkedHashMap<>();
        report.vms().forEach(vm -> reported.put(vm.vmId(), vm.state()));
        Map<String, Reconciliation.Believed> believed = queries.believed(report.hostId(), List.copyOf(reported.keySet()));
        send(report.hostId(), Reconciliation.compare(report.hostId(), believed, reported, report.at(), grace));
    }

    /** Inventory stopped hearing these hosts: their settled VMs become Unknown until the host reports again. */
    @Scheduled(every = "${hyperplane.provisioning.silent-host-sweep:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void markVmsOfSilentHostsUnknown() {
        if (!leadership.isLeader()) {
            return;
        }
        placement.unhealthyHosts().forEach((hostId, why) ->
                send(hostId, Reconciliation.silent(hostId, queries.believed(hostId, List.of()), why)));
    }

    private void send(String hostId, List<Reconciliation.Correction> corrections) {
        for (Reconciliation.Correction c : corrections) {
            try {
                commands.sendAndWait(new ReconcileVm(c.vmId(), c.kind(), hostId, c.newState(), c.reason()));
            } catch (AggregateNotFoundException e) {
                LOG.debugf("VM %s of host %s is not this provisioning's", c.vmId(), hostId);
            }
        }
    }
}
