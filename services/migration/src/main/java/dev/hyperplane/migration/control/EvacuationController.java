package dev.hyperplane.migration.control;

import dev.hyperplane.migration.command.AddEvacuationVms;
import dev.hyperplane.migration.command.EndEvacuation;
import dev.hyperplane.migration.domain.EvacuationState;
import dev.hyperplane.migration.domain.MigrationState;
import dev.hyperplane.migration.query.EvacuationView;
import dev.hyperplane.migration.query.Evacuations;
import dev.hyperplane.migration.query.MigrationHosts;
import dev.hyperplane.migration.query.MigrationVms;
import dev.hyperplane.platform.cluster.Leadership;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;

/**
 * The evacuation loop, on the leading replica every {@code hyperplane.migration.evacuation-interval}: each
 * evacuation under way re-reads its host and its VMs' migrations and converges. Running: VMs found on the host since
 * (placed before its maintenance reached provisioning, or no longer busy) are added; once every move has ended and
 * nothing waits, it ends, saying whether the host is empty. Cancelling: it ends once the moves under way have ended.
 * Returning: once inventory has taken the host out of maintenance, the VMs it moved away go back, and it ends when
 * those moves have. Each evacuation's round is one transaction, and every command it sends is idempotent, so a
 * round repeated by a new leader changes nothing twice.
 */
@ApplicationScoped
public class EvacuationController {
    private static final Logger LOG = Logger.getLogger(EvacuationController.class);

    @Inject
    Evacuations evacuations;
    @Inject
    EvacuationPlanner planner;
    @Inject
    MigrationVms vms;
    @Inject
    MigrationHosts hosts;
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
        for (EvacuationView evacuation : evacuations.underWay()) {
            try {
                QuarkusTransaction.requiringNew().run(() -> step(evacuation.evacuationId()));
            } catch (RuntimeException e) {
                LOG.warnf("evacuation %s: %s; the next round tries again", evacuation.evacuationId(), e.toString());
            }
        }
    }

    void step(String evacuationId) {
        EvacuationView evacuation = evacuations.find(evacuationId).orElseThrow();
        String hostId = evacuation.hostId();
        switch (EvacuationState.of(evacuation.state())) {
            case RUNNING -> {
                Set<String> planned = Set.copyOf(phase(evacuation, "out").stream().map(EvacuationView.Vm::vmId)
                        .toList());
                EvacuationPlanner.Plan plan = planner.out(evacuationId, hostId, evacuation.requestedBy(), planned);
                if (!plan.added().isEmpty()) {
                    commands.sendAndWait(new AddEvacuationVms(evacuationId, "out", plan.added()));
                } else if (plan.waiting() == 0 && allEnded(phase(evacuation, "out"))) {
                    end(evacuation, "out");
                }
            }
            case CANCELLING -> {
                if (allEnded(phase(evacuation, "out"))) {
                    end(evacuation, "out");
                }
            }
            case RETURNING -> {
                if (hosts.inMaintenance(hostId).orElse(true)) {
                    return; // inventory has not taken it out yet: provisioning would refuse it as a destination
                }
                EvacuationPlanner.Plan plan = planner.back(evacuation, evacuation.requestedBy());
                if (!plan.added().isEmpty()) {
                    commands.sendAndWait(new AddEvacuationVms(evacuationId, "back", plan.added()));
                } else if (plan.waiting() == 0 && allEnded(phase(evacuation, "back"))) {
                    end(evacuation, "back");
                }
            }
            default -> {
            }
        }
    }

    /**
     * Ends the phase with its counts. The host is empty when every VM this service still places on it has moved away
     * in this evacuation: a completed migration is the host's word that the VM left, which provisioning's
     * {@code VmMoved} (and so this service's record of where the VM is) may not have followed yet.
     */
    private void end(EvacuationView evacuation, String phase) {
        List<EvacuationView.Vm> moves = phase(evacuation, phase);
        Set<String> moved = Set.copyOf(moves.stream()
                .filter(v -> MigrationState.COMPLETED.label().equals(v.state())).map(EvacuationView.Vm::vmId).toList());
        Set<String> gone = phase.equals("out") ? moved : Set.of();
        boolean empty = vms.onHost(evacuation.hostId()).stream().allMatch(vm -> gone.contains(vm.vmId()));
        commands.sendAndWait(new EndEvacuation(evacuation.evacuationId(), moved.size(), moves.size() - moved.size(),
                empty));
    }

    private static List<EvacuationView.Vm> phase(EvacuationView evacuation, String phase) {
        return evacuation.vms().stream().filter(v -> v.phase().equals(phase)).toList();
    }

    /** Whether every VM's move has ended (a VM that could not move has nothing to wait for). */
    private static boolean allEnded(List<EvacuationView.Vm> moves) {
        return moves.stream().allMatch(v -> v.migrationId() == null || MigrationState.of(v.state()).terminal());
    }
}
