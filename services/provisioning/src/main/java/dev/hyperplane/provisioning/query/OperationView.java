package dev.hyperplane.provisioning.query;

import java.time.Instant;

/**
 * A long-running request's progress.
 *
 * @param kind        create, start, stop, restart, resize or delete
 * @param state       Running, Succeeded or Failed
 * @param progress    percent, 0-100
 * @param result      link to what the operation produced
 * @param error       why it failed, when it did
 * @param requestedBy who asked (the token's subject)
 */
public record OperationView(String operationId, String kind, String state, int progress, String vmId, String result,
                            String error, String requestedBy, Instant createdAt, Instant updatedAt) {
}
