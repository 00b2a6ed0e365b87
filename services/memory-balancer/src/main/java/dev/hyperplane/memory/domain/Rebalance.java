package dev.hyperplane.memory.domain;

/**
 * A decision of the fleet balancer: move {@code vmId} off its hot host to a candidate host.
 *
 * @param decisionId the same for the same host, hot episode and decision number: a repeated round repeats it
 */
public record Rebalance(String decisionId, String vmId, String fromHostId, String toHostId, String reason,
                        int hostPressure, long vmDemandMb) {
}
