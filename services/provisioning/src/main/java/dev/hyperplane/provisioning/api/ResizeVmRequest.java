package dev.hyperplane.provisioning.api;

import dev.hyperplane.events.MemoryPlan;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The complete new processor and memory settings of a VM. */
@Schema(description = "New settings: vCPUs change only while the VM is Stopped; memory of a running VM only "
        + "by widening Dynamic Memory, or where the host and guest support Runtime Memory Resize",
        example = """
                {"vcpus": 2, "memoryMb": 4096, "dynamicMemory": {"minimumMb": 512, "maximumMb": 16384}}""")
public record ResizeVmRequest(
        @NotNull @Min(1) @Max(240) Integer vcpus,
        @NotNull @Min(value = 32, message = "must be at least 32 MB") @Max(value = 12_582_912, message = "must be at most 12 TB")
        Long memoryMb,
        @Schema(description = "Dynamic Memory; absent for static memory")
        @Valid CreateVmRequest.DynamicMemoryRequest dynamicMemory) {

    public MemoryPlan memoryPlan() {
        return CreateVmRequest.DynamicMemoryRequest.plan(memoryMb, dynamicMemory);
    }
}
