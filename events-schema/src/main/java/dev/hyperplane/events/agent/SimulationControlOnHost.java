package dev.hyperplane.events.agent;

import dev.hyperplane.events.Nullable;

/**
 * A fault injection or simulation control that an agent accepted over REST for a host another agent runs; that
 * agent applies it. A refusal is answered {@link AgentCommandRejected}, which no one waits for.
 *
 * @param vmId              the guest it acts on; null for host-wide controls ({@code power-loss}, {@code partition},
 *                          {@code heal}, {@code bmc-failure}, {@code bmc-repair})
 * @param control           {@code panic}, {@code heartbeat-stall}, {@code heartbeat-resume}, {@code kvp-daemon-stop},
 *                          {@code hot-add-failure}, {@code workload}, {@code turn-off}, {@code delete}, {@code move},
 *                          {@code power-loss}, {@code partition} (the host runs on, cut off from the control plane),
 *                          {@code heal}, {@code bmc-failure} (its management controller stops answering) or
 *                          {@code bmc-repair}
 * @param profile           {@code workload}: idle, web, database, batch or memory-hog
 * @param demandMb          {@code workload} with memory-hog: what the guest commits
 * @param dirtyMbPerSec     {@code workload}: how fast the guest writes memory, overriding the profile's
 * @param destinationHostId {@code move}: where the VM live-migrates behind the control plane's back
 */
public record SimulationControlOnHost(String commandId, String hostId, @Nullable String vmId, String control,
                                      @Nullable String profile, @Nullable Long demandMb,
                                      @Nullable Double dirtyMbPerSec, @Nullable String destinationHostId)
        implements AgentCommand {
}
