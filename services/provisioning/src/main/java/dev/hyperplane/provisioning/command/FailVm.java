package dev.hyperplane.provisioning.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End provisioning in failure, with a reason a panel can show. */
public record FailVm(@TargetAggregateIdentifier String vmId, String reason) {
}
