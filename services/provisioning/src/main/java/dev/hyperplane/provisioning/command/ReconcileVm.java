package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A correction the reconciler found comparing the VM with its host's inventory report (see
 * {@code domain.Reconciliation}); the VM applies it only if its own state still calls for it.
 *
 * @param kind     {@code tear-down}, {@code lost}, {@code found}, {@code state} or {@code host}
 * @param hostId   the reporting host
 * @param newState Running, Stopped, Lost or Unknown (unused for a tear-down)
 */
public record ReconcileVm(@TargetAggregateIdentifier String vmId, String kind, String hostId, String newState,
                          String reason) {
}
