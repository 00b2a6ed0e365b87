package dev.hyperplane.provisioning.query;

import java.time.Instant;

/**
 * A long-running request's progress.
 *
 * @param state    Running, Succeeded or Failed
 * @param progress percent, 0-100
 * @param result   link to what the operation produced
 * @param error    why it failed, when it did
 */
public record OperationView(String operationId, String kind, String state, int progress, String vmId, String result,
                            String error, Instant createdAt, Instant updatedAt) {
}
