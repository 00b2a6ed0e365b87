package dev.hyperplane.migration.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * VMs the evacuation found later: on its host after it started (placed before the host's maintenance reached
 * provisioning, or no longer busy), or, in {@code back}, moved back by its return.
 *
 * @param phase out (away from the host) or back (a return)
 */
public record AddEvacuationVms(@TargetAggregateIdentifier String evacuationId, String phase, List<EvacuationVm> vms) {
}
