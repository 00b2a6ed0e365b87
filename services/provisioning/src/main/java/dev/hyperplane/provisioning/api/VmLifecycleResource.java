package dev.hyperplane.provisioning.api;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import dev.hyperplane.provisioning.command.RequestVmOperation;
import dev.hyperplane.provisioning.command.ResizeVm;
import dev.hyperplane.provisioning.command.VmAction;
import dev.hyperplane.provisioning.domain.GuestCompatibility;
import dev.hyperplane.provisioning.query.OperationView;
import dev.hyperplane.provisioning.query.Quotas;
import dev.hyperplane.provisioning.query.VmView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Start, stop, restart, resize and delete a VM. Each is an asynchronous operation on the VM's host: {@code 202}
 * with the operation in {@code Location}, which ends Succeeded or Failed with the host's reason, or by a timeout.
 * One operation at a time per VM; {@code If-Match} guards against acting on a VM that changed since it was read.
 */
@Path("/api/v1/vms/{vmId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vms")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "202", description = "Accepted; follow the operation",
        headers = @Header(name = "Location", description = "/api/v1/operations/{operationId}",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
        content = @Content(schema = @Schema(implementation = OperationView.class)))
@APIResponse(responseCode = "400", description = "Invalid fields or If-Match",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such VM (or another tenant's)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "409", description = "Another operation runs, or the VM's state does not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "410", description = "The VM is deleted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "412", description = "If-Match names another version than the VM has",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class VmLifecycleResource {
    private static final String IF_MATCH = "the VM's ETag from GET; the operation is refused (412) if the VM "
            + "changed since";
    private static final String IDEMPOTENCY = "the same key and request answer with the same operation";

    @Inject
    CommandGateway commands;
    @Inject
    VisibleVms visibleVms;
    @Inject
    Quotas quotas;
    @Inject
    OperationSubmitter submitter;
    @Inject
    Caller caller;

    @POST
    @Path("/start")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "startVm", summary = "Start a stopped VM", description = "Succeeds when the VM runs again.")
    public Response start(@PathParam("vmId") String vmId,
                          @Parameter(description = IF_MATCH, example = "\"7\"") @HeaderParam("If-Match") String ifMatch,
                          @Parameter(description = IDEMPOTENCY) @HeaderParam("Idempotency-Key") @Size(max = 255) String key) {
        return power(vmId, VmAction.START, false, ifMatch, key);
    }

    @POST
    @Path("/stop")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "stopVm", summary = "Stop a running VM", description = "Gracefully by default: the guest shuts down through its "
            + "shutdown integration service, and the operation fails (VM still Running) if the guest has none or "
            + "does not finish in time. force=true turns the VM off at once, like pulling the plug.")
    public Response stop(@PathParam("vmId") String vmId,
                         @Parameter(description = "turn off at once instead of a guest shutdown", example = "false")
                         @QueryParam("force") boolean force,
                         @Parameter(description = IF_MATCH, example = "\"7\"") @HeaderParam("If-Match") String ifMatch,
                         @Parameter(description = IDEMPOTENCY) @HeaderParam("Idempotency-Key") @Size(max = 255) String key) {
        return power(vmId, VmAction.STOP, force, ifMatch, key);
    }

    @POST
    @Path("/restart")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "restartVm", summary = "Restart a running VM", description = "Succeeds when the VM runs again.")
    public Response restart(@PathParam("vmId") String vmId,
                            @Parameter(description = IF_MATCH, example = "\"7\"") @HeaderParam("If-Match") String ifMatch,
                            @Parameter(description = IDEMPOTENCY) @HeaderParam("Idempotency-Key") @Size(max = 255) String key) {
        return power(vmId, VmAction.RESTART, false, ifMatch, key);
    }

    @DELETE
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "deleteVm", summary = "Delete a VM", description = "Turns the VM off if it runs and removes it from its host; "
            + "its resources no longer count against the quota. The VM stays readable as Deleted, with its history.")
    public Response delete(@PathParam("vmId") String vmId,
                           @Parameter(description = IF_MATCH, example = "\"7\"") @HeaderParam("If-Match") String ifMatch,
                           @Parameter(description = IDEMPOTENCY) @HeaderParam("Idempotency-Key") @Size(max = 255) String key) {
        return power(vmId, VmAction.DELETE, false, ifMatch, key);
    }

    @POST
    @Path("/resize")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "resizeVm", summary = "Change a VM's vCPUs and memory", description = "vCPUs change only while the VM is Stopped. "
            + "A running VM's memory changes only by widening Dynamic Memory (higher maximum, lower minimum), or "
            + "where host (WS2016+) and guest support Runtime Memory Resize; otherwise the operation fails with the "
            + "host's reason. Checked against the tenant's quota.")
    @APIResponse(responseCode = "422", description = "The guest cannot run these settings, or they exceed the quota",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response resize(@PathParam("vmId") String vmId,
                           @Parameter(description = IF_MATCH, example = "\"7\"") @HeaderParam("If-Match") String ifMatch,
                           @Parameter(description = IDEMPOTENCY) @HeaderParam("Idempotency-Key") @Size(max = 255) String key,
                           @NotNull(message = "a JSON body is required") @Valid ResizeVmRequest request) {
        VmView vm = visibleVms.get(vmId);
        MemoryPlan memory = request.memoryPlan();
        List<Problem.FieldError> incompatible = GuestCompatibility.check(vm.guestOs(), 1, false, request.memoryMb(),
                memory);
        if (!incompatible.isEmpty()) {
            throw ProblemException.fields(422, "unsupported-by-guest", "The guest cannot run these settings",
                    incompatible);
        }
        Long expected = OperationSubmitter.expectedVersion(ifMatch);
        ResizeVm resize = new ResizeVm(vmId, UUID.randomUUID().toString(), request.vcpus(), request.memoryMb(),
                memory, expected, caller.name());
        return submitter.submit(vm.tenantId(), key, Map.of("resize", vmId, "body", request), vmId,
                resize.operationId(), () -> {
                    QuotaCheck.require(quotas, vm.tenantId(), request.vcpus(), request.memoryMb(), memory, vmId);
                    commands.sendAndWait(resize);
                });
    }

    private Response power(String vmId, VmAction action, boolean force, String ifMatch, String key) {
        VmView vm = visibleVms.get(vmId);
        RequestVmOperation command = new RequestVmOperation(vmId, UUID.randomUUID().toString(), action, force,
                OperationSubmitter.expectedVersion(ifMatch), caller.name());
        return submitter.submit(vm.tenantId(), key, List.of(action.label(), vmId, force), vmId,
                command.operationId(), () -> commands.sendAndWait(command));
    }
}
