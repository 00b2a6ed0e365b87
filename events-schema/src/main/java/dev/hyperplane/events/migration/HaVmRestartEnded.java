package dev.hyperplane.events.migration;

import dev.hyperplane.events.Nullable;
import dev.hyperplane.events.PublicEvent;

import java.time.Instant;

/**
 * HA is done with one VM of a fenced host: it runs again on hostId, or it was not restarted and reason says why
 * (priority off, not running when the host failed, no host could take it after every attempt).
 *
 * @param hostId where it runs now, when restarted
 * @param reason why not, when not restarted
 */
public record HaVmRestartEnded(String incidentId, String vmId, boolean restarted, @Nullable String hostId,
        @Nullable String reason, Instant endedAt) implements PublicEvent {

    @Override
    public String partitionKey() {
        return vmId;
    }
}
