package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Empty a host: the VMs on it now, each with its migration (requested in the same transaction) or its reason. */
public record StartEvacuation(@TargetAggregateIdentifier String evacuationId, String hostId, List<EvacuationVm> vms,
                              String requestedBy) {
}
