package dev.hyperplane.provisioning.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a VM stands from now on when its host fails. */
@Schema(description = "Where the VM stands when its host fails", example = "{\"haPriority\": \"high\"}")
public record HaPriorityRequest(
        @Schema(description = "high (restarted elsewhere first), medium, low, or off (never restarted by high "
                + "availability)", enumeration = {"high", "medium", "low", "off"})
        @NotNull @Pattern(regexp = "high|medium|low|off", message = "high, medium, low or off")
        String haPriority) {
}
