package dev.hyperplane.migration.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.memory.MemoryRebalanceRequested;
import dev.hyperplane.migration.command.RefuseMigration;
import dev.hyperplane.migration.command.RequestMigration;
import dev.hyperplane.migration.query.MigrationVms;
import dev.hyperplane.migration.query.Migrations;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Executes the memory balancer's rebalance decisions: each {@code MemoryRebalanceRequested} becomes a migration of
 * the VM to the host the balancer chose (cause {@code rebalance}, the default policy, the mode the VM allows), queued
 * like any other. Its outcome — completed, or failed with the reason — is the migration's own events, which carry the
 * decision id, so the balancer learns it from hyperplane.migration.events. A decision this service can tell will not
 * work (the VM is unknown, has left the host, migrates already, or may not move) still gets a migration, ended failed
 * at once with the reason, so every decision has an outcome. The migration id is derived from the decision id: a
 * decision delivered again finds its migration.
 */
@ApplicationScoped
public class RebalanceConsumer extends IdempotentConsumer {

    @Inject
    CommandGateway commands;
    @Inject
    MigrationVms vms;
    @Inject
    Migrations migrations;
    @ConfigProperty(name = "hyperplane.migration.default-policy")
    String defaultPolicy;

    @Override
    public String group() {
        return "migration-rebalance";
    }

    @Override
    protected Collection<String> topics() {
        return List.of(Topics.MEMORY_EVENTS);
    }

    @Override
    protected void handle(InboundEvent event) {
        if (event.data() instanceof MemoryRebalanceRequested decision) {
            once(event, () -> execute(decision));
        }
    }

    private void execute(MemoryRebalanceRequested decision) {
        String migrationId = migrationIdOf(decision.decisionId());
        if (migrations.find(migrationId).isPresent()) {
            return;
        }
        Optional<MigrationVms.Vm> vm = vms.find(decision.vmId());
        Optional<String> refusal = refusal(decision, vm); // before the new migration makes the VM migrating
        commands.sendAndWait(new RequestMigration(migrationId, decision.vmId(),
                vm.map(MigrationVms.Vm::hostId).orElse(decision.fromHostId()), decision.toHostId(), defaultPolicy,
                vm.map(v -> v.mode().migrationFor(null)).orElse("live"), "rebalance",
                vm.map(MigrationVms.Vm::memoryMb).orElse(decision.vmDemandMb()), "memory-balancer",
                decision.decisionId()));
        refusal.ifPresent(reason ->
                commands.sendAndWait(new RefuseMigration(migrationId, reason)));
    }

    private Optional<String> refusal(MemoryRebalanceRequested decision, Optional<MigrationVms.Vm> known) {
        if (known.isEmpty()) {
            return Optional.of("VM " + decision.vmId() + " is not known to the migration service");
        }
        MigrationVms.Vm vm = known.get();
        if (vm.hostId() != null && !vm.hostId().equals(decision.fromHostId())) {
            return Optional.of("VM " + vm.vmId() + " has left " + decision.fromHostId() + " (now on " + vm.hostId()
                    + ")");
        }
        Optional<String> other = migrations.activeFor(vm.vmId());
        if (other.isPresent()) {
            return Optional.of("VM " + vm.vmId() + " is already migrating (" + other.get() + ")");
        }
        return vm.refusal(null);
    }

    /** The migration that executes a decision: a name-based UUID, the same on every replica and every delivery. */
    static String migrationIdOf(String decisionId) {
        return UUID.nameUUIDFromBytes(("rebalance/" + decisionId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
