package dev.hyperplane.migration.command;

import dev.hyperplane.migration.domain.HaRestartPlan;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * The host's agent answered a fence: the host is off for certain, or its management controller did not answer.
 *
 * @param vms the VMs believed on the host now, which a confirmed fence restarts elsewhere
 */
public record RecordFenceResult(@TargetAggregateIdentifier String hostId, String commandId, boolean fenced,
                                String reason, List<HaRestartPlan.VmOnHost> vms) {
}
