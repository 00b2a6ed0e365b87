package dev.hyperplane.migration.control;

import dev.hyperplane.migration.command.EvacuationVm;
import dev.hyperplane.migration.command.RequestMigration;
import dev.hyperplane.migration.query.EvacuationView;
import dev.hyperplane.migration.query.MigrationVms;
import dev.hyperplane.migration.query.Migrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which VMs an evacuation moves, and the migrations that move them (cause evacuation, causeId the evacuation, the
 * default policy, live or quick as each VM's mode allows), requested in the caller's transaction. A VM that is busy
 * now (starting, moving, in another migration) waits for a later round; one that cannot move at all (stopped, lost,
 * mode none) is recorded with the reason.
 */
@ApplicationScoped
public class EvacuationPlanner {
    private static final Set<String> BUSY = Set.of("Requested", "Placed", "Moving", "Unknown");

    /**
     * @param added   VMs added to the evacuation now, each with its migration or its reason
     * @param waiting VMs that belong to it but are busy now: a later round adds them
     */
    public record Plan(List<EvacuationVm> added, int waiting) {
    }

    @Inject
    MigrationVms vms;
    @Inject
    Migrations migrations;
    @Inject
    CommandGateway commands;
    @ConfigProperty(name = "hyperplane.migration.default-policy")
    String defaultPolicy;

    /** The VMs on the host that the evacuation has not taken up yet. */
    public Plan out(String evacuationId, String hostId, String requestedBy, Set<String> planned) {
        List<EvacuationVm> added = new ArrayList<>();
        int waiting = 0;
        for (MigrationVms.Vm vm : vms.onHost(hostId)) {
            if (planned.contains(vm.vmId())) {
                continue;
            }
            Optional<EvacuationVm> taken = take(vm, null, requestedBy, evacuationId);
            taken.ifPresent(added::add);
            waiting += taken.isEmpty() ? 1 : 0;
        }
        return new Plan(added, waiting);
    }

    /**
     * The VMs the evacuation moved away that run elsewhere now and are not yet on their way back: each migrates
     * back to the host. A VM deleted, stopped or already back since is left where it is.
     */
    public Plan back(EvacuationView evacuation, String requestedBy) {
        Set<String> planned = Set.copyOf(evacuation.vms().stream().filter(v -> v.phase().equals("back"))
                .map(EvacuationView.Vm::vmId).toList());
        List<EvacuationVm> added = new ArrayList<>();
        int waiting = 0;
        for (EvacuationView.Vm moved : evacuation.vms()) {
            if (!moved.phase().equals("out") || !"completed".equals(moved.state())
                    || planned.contains(moved.vmId())) {
                continue;
            }
            Optional<MigrationVms.Vm> known = vms.find(moved.vmId());
            if (known.isEmpty() || evacuation.hostId().equals(known.get().hostId())) {
                continue;
            }
            Optional<EvacuationVm> taken = take(known.get(), evacuation.hostId(), requestedBy,
                    evacuation.evacuationId());
            taken.ifPresent(added::add);
            waiting += taken.isEmpty() ? 1 : 0;
        }
        return new Plan(added, waiting);
    }

    /**
     * The VM taken into the evacuation: moving by a migration requested now, or unmovable with the reason; empty
     * while it is busy (a later round takes it).
     */
    private Optional<EvacuationVm> take(MigrationVms.Vm vm, String targetHostId, String requestedBy,
                                        String evacuationId) {
        if (BUSY.contains(vm.state()) || migrations.activeFor(vm.vmId()).isPresent()) {
            return Optional.empty();
        }
        Optional<String> refusal = vm.refusal(null);
        return Optional.of(refusal.isPresent() ? EvacuationVm.unmovable(vm.vmId(), refusal.get())
                : EvacuationVm.moving(vm.vmId(), request(vm, targetHostId, requestedBy, evacuationId)));
    }

    private String request(MigrationVms.Vm vm, String targetHostId, String requestedBy, String evacuationId) {
        String migrationId = UUID.randomUUID().toString();
        commands.sendAndWait(new RequestMigration(migrationId, vm.vmId(), vm.hostId(), targetHostId, defaultPolicy,
                vm.mode().migrationFor(null), "evacuation", vm.memoryMb(), requestedBy, evacuationId));
        return migrationId;
    }
}
