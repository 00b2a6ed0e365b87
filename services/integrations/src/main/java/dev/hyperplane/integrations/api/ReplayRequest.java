package dev.hyperplane.integrations.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** Where a replay starts: a time, or a position of the event feed (exactly one). */
public record ReplayRequest(
        @Schema(description = "Every event that occurred at or after this time is delivered again")
        Instant from,
        @Schema(description = "Every event after this feed position (a cursor of /api/v1/events) is delivered again")
        String after) {
}
