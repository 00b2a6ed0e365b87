package dev.hyperplane.migration.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an operator sends to empty a host. */
@Schema(description = "A host to empty", example = "{\"hostId\": \"agent-1-host-02\"}")
public record StartEvacuationRequest(@NotBlank @Size(max = 64) String hostId) {
}
