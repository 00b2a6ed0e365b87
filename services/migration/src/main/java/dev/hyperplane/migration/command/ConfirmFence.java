package dev.hyperplane.migration.command;

import dev.hyperplane.migration.domain.HaRestartPlan;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * An operator checked by hand that the failed host is off (its management controller could not fence it): its VMs
 * may now start elsewhere.
 */
public record ConfirmFence(@TargetAggregateIdentifier String hostId, String incidentId, String confirmedBy,
                           List<HaRestartPlan.VmOnHost> vms) {
}
