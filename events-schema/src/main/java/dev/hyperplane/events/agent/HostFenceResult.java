package dev.hyperplane.events.agent;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * What a {@link FenceHost} did: {@code fenced} when the management controller confirmed the host is off (every VM
 * on it with it); otherwise {@code reason} says why not (the controller does not answer), and nothing may be
 * restarted elsewhere on its account.
 */
public record HostFenceResult(String commandId, String hostId, boolean fenced, @Nullable String reason, Instant at)
        implements PublicEvent {
}
