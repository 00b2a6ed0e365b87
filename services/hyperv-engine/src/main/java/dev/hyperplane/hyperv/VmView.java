package dev.hyperplane.hyperv;

import java.util.List;
import java.util.Map;

/**
 * A VM as the host sees it at one moment.
 *
 * @param assignedMb          memory it holds now (Smart Paging included)
 * @param demandMb            what the guest needs: its last DM status report, else its workload's commitment
 * @param pressure            demand / assigned, in percent
 * @param balloonedMb         memory its balloon driver gave back to the host
 * @param smartPagingMb       memory backed by a Smart Paging file instead of host RAM
 * @param heartbeatSequence   the last sequence number the guest returned
 * @param intrinsicKvp        the guest's AUTO pool (FQDN, addresses, OS) while its KVP daemon runs
 * @param externalKvp         what the host wrote for the guest
 * @param guestClockOffsetMs  guest clock minus host clock
 * @param hostDrawsPointer    true while no guest video driver took the pointer over (the "two mouse pointers")
 * @param disks               its virtual disks' content
 */
public record VmView(String vmId, VmSpec spec, VmState state, long assignedMb, long demandMb, int pressure,
                     long balloonedMb, long smartPagingMb, HeartbeatStatus heartbeat,
                     long heartbeatSequence, Map<String, String> intrinsicKvp, Map<String, String> externalKvp,
                     List<Channel> channels, double guestClockOffsetMs, int videoWidth, int videoHeight,
                     boolean hostDrawsPointer, List<DiskImage> disks) {
}
