package dev.hyperplane.migration.command;

import java.time.Instant;

/** Non-public: an operator cancelled the evacuation; it ends cancelled when its running moves have ended. */
public record EvacuationCancelRequested(String evacuationId, String requestedBy, Instant at) {
}
