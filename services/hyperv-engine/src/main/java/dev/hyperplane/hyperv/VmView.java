package dev.hyperplane.hyperv;

import java.util.List;
import java.util.Map;

/**
 * A VM as the host sees it at one moment.
 *
 * @param assignedMb          physical memory it holds now
 * @param heartbeatSequence   the last sequence number the guest returned
 * @param intrinsicKvp        the guest's AUTO pool (FQDN, addresses, OS) while its KVP daemon runs
 * @param externalKvp         what the host wrote for the guest
 * @param guestClockOffsetMs  guest clock minus host clock
 */
public record VmView(String vmId, VmSpec spec, VmState state, long assignedMb, HeartbeatStatus heartbeat,
                     long heartbeatSequence, Map<String, String> intrinsicKvp, Map<String, String> externalKvp,
                     List<Channel> channels, double guestClockOffsetMs) {
}
