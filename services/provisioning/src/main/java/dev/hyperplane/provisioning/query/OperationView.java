package dev.hyperplane.provisioning.query;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A long-running request's progress.
 *
 * @param kind        create, start, stop, restart, resize, delete or restore (in place, from a backup)
 * @param state       Running, Succeeded or Failed
 * @param progress    percent, 0-100
 * @param result      link to what the operation produced
 * @param error       why it failed, when it did
 * @param warning     what it was let pass with, e.g. a creation that leaves the fleet unable to restart the VMs of
 *                    as many failed hosts as HA's admission control wants (when it warns instead of refusing)
 * @param requestedBy who asked (the token's subject)
 */
@Schema(description = "A long-running request's progress", example = """
        {"operationId": "6b1f0c52-8e0d-4d3b-9a51-0c7f1e2d3a4b", "kind": "create", "state": "Succeeded",
         "progress": 100, "vmId": "3f9a7c1e-2b4d-4e6f-8a1b-5c7d9e0f1a2b",
         "result": "/api/v1/vms/3f9a7c1e-2b4d-4e6f-8a1b-5c7d9e0f1a2b", "error": null, "warning": null,
         "requestedBy": "tenant-admin@acme", "createdAt": "2026-12-02T09:14:03.120Z",
         "updatedAt": "2026-12-02T09:14:05.870Z"}""")
public record OperationView(String operationId, String kind, String state, int progress, String vmId, String result,
                            String error, String warning, String requestedBy, Instant createdAt, Instant updatedAt) {
}
