package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * HA asks for the VM of a fenced host to start on another host from its shared disks: provisioning, the one
 * authority for capacity, reserves a host with the placement rules and creates the VM there (answered
 * {@code VmMoveStarted} and, once it runs, {@code VmMoved} with cause {@code ha}), or refuses with the reason
 * ({@code VmMoveRefused}).
 *
 * @param restartId    this attempt's id, the {@code migrationId} of the answers
 * @param failedHostId the fenced host: the VM is restarted only if it is still recorded there
 */
public record RestartElsewhere(@TargetAggregateIdentifier String vmId, String restartId, String failedHostId) {
}
