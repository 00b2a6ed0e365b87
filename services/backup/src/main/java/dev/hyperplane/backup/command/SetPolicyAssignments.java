package dev.hyperplane.backup.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Set which VMs a policy governs, and whether it is its tenant's or the fleet's default. */
public record SetPolicyAssignments(@TargetAggregateIdentifier String policyId, List<String> vmIds,
                                   boolean tenantDefault, boolean fleetDefault, String setBy) {
}
