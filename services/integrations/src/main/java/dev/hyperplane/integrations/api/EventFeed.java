package dev.hyperplane.integrations.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * A page of the event feed.
 *
 * @param events CloudEvents in structured mode, as webhooks receive them, oldest first
 * @param next   the cursor to ask with next (after=); the same as asked with when nothing came
 */
public record EventFeed(
        @Schema(description = "CloudEvents (structured mode, the same JSON webhooks receive), oldest first")
        List<Map<String, Object>> events,
        @Schema(description = "Pass as after= to continue where this page ended") String next) {
}
