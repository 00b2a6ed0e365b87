package dev.hyperplane.provisioning.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.axon.ConflictRetry;
import dev.hyperplane.provisioning.command.VmRequestRefused;
import dev.hyperplane.provisioning.query.IdempotencyKeys;
import dev.hyperplane.provisioning.query.OperationView;
import dev.hyperplane.provisioning.query.VmQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Runs every mutation of a VM the same way: in one transaction (quota lock, command, first events and the
 * Idempotency-Key commit together), answered with {@code 202} and the operation in {@code Location}.
 */
@ApplicationScoped
public class OperationSubmitter {

    /** Records serialize their components in declaration order: a stable form to hash. */
    private static final ObjectMapper HASH_MAPPER = new ObjectMapper();

    @Inject
    IdempotencyKeys idempotencyKeys;
    @Inject
    VmQueries queries;

    /**
     * Runs {@code work} once per {@code (tenant, key)}: the same key with the same request answers with the
     * operation the first request started; with another request it is refused (422). The key is recorded in the
     * work's transaction, so concurrent duplicates cannot both run it: the loser hits the key's primary key and
     * reads the winner's row.
     *
     * @param request what the key is bound to (hashed)
     */
    public Response submit(String tenantId, String key, Object request, String vmId, String operationId,
                           Runnable work) {
        String started = key == null ? run(work, operationId) : once(tenantId, key, hash(request), vmId, operationId,
                work);
        OperationView operation = queries.operation(started).orElseThrow();
        return Response.accepted(operation).location(URI.create("/api/v1/operations/" + started)).build();
    }

    private static String run(Runnable work, String operationId) {
        ConflictRetry.inNewTransaction(work);
        return operationId;
    }

    private String once(String tenantId, String key, String hash, String vmId, String operationId, Runnable work) {
        for (int attempt = 0; ; attempt++) {
            Optional<IdempotencyKeys.Use> used = idempotencyKeys.find(tenantId, key);
            if (used.isPresent()) {
                if (!used.get().requestHash().equals(hash)) {
                    throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                            "Idempotency-Key " + key + " was used for a different request", List.of(
                            new Problem.FieldError("Idempotency-Key", "already used with another request")));
                }
                return used.get().operationId();
            }
            try {
                ConflictRetry.inNewTransaction(() -> {
                    idempotencyKeys.record(tenantId, key, new IdempotencyKeys.Use(hash, vmId, operationId));
                    work.run(); // joins this transaction: key and operation commit together
                });
                return operationId;
            } catch (ProblemException | VmRequestRefused e) {
                throw e; // refused on its merits, not a lost race
            } catch (RuntimeException e) {
                if (attempt > 0) {
                    throw e;
                }
                // most likely a concurrent request with the same key won: read its row
            }
        }
    }

    private static String hash(Object request) {
        try {
            byte[] json = HASH_MAPPER.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (Exception e) {
            throw new IllegalStateException("cannot hash the request", e);
        }
    }

    /** {@code If-Match: "7"} (or {@code W/"7"}) gives version 7; absent or {@code *} skips the check. */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(400, "If-Match", "must be the VM's ETag (a version), was " + ifMatch);
        }
    }
}
