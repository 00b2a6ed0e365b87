package dev.hyperplane.events;

/**
 * Dynamic Memory of a VM (Set-VMMemory). With {@code enabled == false} the VM has exactly its startup memory and
 * minimum and maximum equal it.
 *
 * @param bufferPercent extra memory kept above demand, 5-2000 %
 * @param priority      weight under memory contention, 0-100
 */
public record MemoryPlan(boolean enabled, long minimumMb, long maximumMb, int bufferPercent, int priority) {

    public static MemoryPlan fixed(long memoryMb) {
        return new MemoryPlan(false, memoryMb, memoryMb, 20, 50);
    }

    /**
     * The most memory a VM with this plan and {@code startupMb} can hold: its Dynamic Memory maximum, else its
     * startup memory. What a tenant's memory quota counts.
     */
    public long mostMb(long startupMb) {
        return enabled ? Math.max(startupMb, maximumMb) : startupMb;
    }
}
