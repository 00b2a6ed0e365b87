package dev.hyperplane.events.capacity;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * HA's admission control assessed the fleet again and the answer changed: how many host failures it can absorb
 * (the VMs HA restarts on the worst failed hosts would all fit on the other available hosts), against the number
 * it is configured to tolerate. Provisioning, the one authority for capacity, refuses or warns on creations that
 * would break it.
 *
 * @param failuresToTolerate host failures the fleet must absorb
 * @param failuresAbsorbed   host failures it can absorb now
 * @param holds              whether it absorbs as many as it must
 * @param reserveMb          memory the VMs HA restarts on the worst failed hosts hold
 * @param spareMb            memory free on the other available hosts
 * @param reason             why it does not hold; null when it does
 */
public record HaReserveChanged(int failuresToTolerate, int failuresAbsorbed, boolean holds, long reserveMb,
        long spareMb, @Nullable String reason, Instant assessedAt) implements PublicEvent {

    /** One assessment of the whole fleet: always the same key, so they stay in order. */
    @Override
    public String partitionKey() {
        return "fleet";
    }
}
