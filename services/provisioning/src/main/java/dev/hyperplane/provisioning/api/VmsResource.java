package dev.hyperplane.provisioning.api;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import dev.hyperplane.provisioning.command.CreateVm;
import dev.hyperplane.provisioning.command.SetHaPriority;
import dev.hyperplane.provisioning.command.SetMigrationMode;
import dev.hyperplane.provisioning.domain.GuestCompatibility;
import dev.hyperplane.provisioning.query.OperationView;
import dev.hyperplane.provisioning.query.Quotas;
import dev.hyperplane.provisioning.query.VmQueries;
import dev.hyperplane.provisioning.query.VmView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
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
import java.util.UUID;

/** Tenants' VMs: create one, follow it, list them. Lifecycle operations: {@link VmLifecycleResource}. */
@Path("/api/v1/vms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vms", description = "Virtual machines of tenants")
@SecurityRequirement(name = "bearer")
public class VmsResource {

    @Inject
    CommandGateway commands;
    @Inject
    VmQueries queries;
    @Inject
    VisibleVms visibleVms;
    @Inject
    Quotas quotas;
    @Inject
    OperationSubmitter submitter;
    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "createVm", summary = "Create a VM", description = "Accepts the request and provisions the VM in the background: "
            + "placement on a host with room, then the host's agent creates and starts it. Follow the operation "
            + "in Location; it ends Succeeded (VM Running) or Failed with a reason. Counts against the tenant's "
            + "quota from the moment it is accepted.")
    @APIResponse(responseCode = "202", description = "Accepted; the operation tracks provisioning",
            headers = @Header(name = "Location", description = "/api/v1/operations/{operationId}",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = OperationView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid fields; every field is listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The tenant's quota has no room for the VM now (vCPUs, memory "
            + "or VM count); each error names the limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The guest OS cannot run this VM (e.g. Gen2 on RHEL 5.9, Dynamic "
            + "Memory hot-add on RHEL 6.4), or the VM alone is larger than the tenant's quota; each error names "
            + "the field and the reason", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response create(
            @Parameter(description = "Makes the creation idempotent: the same key and body answer with the same "
                    + "operation; the same key with another body is refused (422)", example = "order-4711")
            @HeaderParam("Idempotency-Key") @Size(max = 255) String idempotencyKey,
            @NotNull(message = "a JSON body is required") @Valid CreateVmRequest request) {
        String tenant = caller.tenantForNew(request.tenantId(), "tenantId");
        var guest = request.guestOs();
        var resolution = GuestCompatibility.resolve(guest.family(), guest.id(), guest.distribution(), guest.version(),
                guest.lisSource(), guest.kernel());
        if (resolution.guest() == null) {
            throw ProblemException.fields(422, "unknown-guest-os", "Unknown guest OS", resolution.errors());
        }
        GuestOs os = resolution.guest();
        MemoryPlan memory = request.memoryPlan();
        List<Problem.FieldError> incompatible = GuestCompatibility.check(os, request.generationOrDefault(),
                request.secureBootOrDefault(), request.memoryMb(), memory);
        if (!incompatible.isEmpty()) {
            throw ProblemException.fields(422, "unsupported-by-guest", "The guest cannot run this VM", incompatible);
        }
        CreateVm create = new CreateVm(UUID.randomUUID().toString(), tenant, request.name(), request.vcpus(),
                request.memoryMb(), os, request.generationOrDefault(), request.secureBootOrDefault(), memory,
                UUID.randomUUID().toString(), request.antiAffinityGroup(), caller.name(),
                request.migrationMode(), request.haPriority());
        return submitter.submit(tenant, idempotencyKey, request, create.vmId(), create.operationId(), () -> {
            QuotaCheck.require(quotas, tenant, request.vcpus(), request.memoryMb(), memory, null);
            commands.sendAndWait(create);
        });
    }

    @PUT
    @Path("/{vmId}/migration-mode")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setVmMigrationMode", summary = "Set how a VM may be moved between hosts",
            description = "live (the default), quick or none. A migration or evacuation asked for in a mode the VM "
                    + "does not allow is refused with the reason; a move already under way finishes.")
    @APIResponse(responseCode = "200", description = "The VM with its new mode",
            content = @Content(schema = @Schema(implementation = VmView.class)))
    @APIResponse(responseCode = "400", description = "Not live, quick or none",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such VM (or another tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The VM is deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    public Response setMigrationMode(@PathParam("vmId") String vmId,
                                     @NotNull(message = "a JSON body is required") @Valid MigrationModeRequest request) {
        return changeSetting(vmId, new SetMigrationMode(vmId, request.migrationMode(), caller.name()));
    }

    @PUT
    @Path("/{vmId}/ha-priority")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setVmHaPriority", summary = "Set where a VM stands when its host fails",
            description = "high, medium (the default), low or off. When a host fails and is fenced, its VMs are "
                    + "restarted elsewhere tier by tier, high first; off is never restarted by high availability.")
    @APIResponse(responseCode = "200", description = "The VM with its new priority",
            content = @Content(schema = @Schema(implementation = VmView.class)))
    @APIResponse(responseCode = "400", description = "Not high, medium, low or off",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such VM (or another tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The VM is deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    public Response setHaPriority(@PathParam("vmId") String vmId,
                                  @NotNull(message = "a JSON body is required") @Valid HaPriorityRequest request) {
        return changeSetting(vmId, new SetHaPriority(vmId, request.haPriority(), caller.name()));
    }

    /** A setting of a VM the caller sees changes at once (no operation): answered with the VM as it is now. */
    private Response changeSetting(String vmId, Object command) {
        visibleVms.get(vmId);
        commands.sendAndWait(command);
        VmView vm = visibleVms.get(vmId);
        return Response.ok(vm).tag(new EntityTag(Long.toString(vm.version()))).build();
    }

    @GET
    @Path("/{vmId}")
    @Operation(operationId = "getVm", summary = "Get a VM",
            description = "One VM as provisioning knows it: lifecycle state, size, guest OS, host, Dynamic Memory settings. The ETag is the VM's version; send it back in If-Match to change the VM only if nobody else did.")
    @APIResponse(responseCode = "200", description = "The VM; ETag is its version (If-Match takes it)",
            headers = @Header(name = "ETag", description = "the VM's version, e.g. \"7\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = VmView.class)))
    @APIResponse(responseCode = "404", description = "No such VM (or another tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    public Response get(@PathParam("vmId") String vmId) {
        VmView vm = visibleVms.get(vmId);
        return Response.ok(vm).tag(new EntityTag(Long.toString(vm.version()))).build();
    }

    @GET
    @Operation(operationId = "listVms", summary = "List VMs", description = "VMs in id order, cursor-paginated; filters combine. Tenant "
            + "tokens see their own tenant's VMs only.")
    @APIResponse(responseCode = "200", description = "A page of VMs")
    @APIResponse(responseCode = "404", description = "A tenant token asked for another tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    public Page<VmView> list(
            @Parameter(description = "Only this tenant's VMs", example = "acme") @QueryParam("tenant") String tenant,
            @Parameter(description = "Requested, Placed, Running, Moving, Stopped, Lost, Unknown, Failed, Deleted, or an operation's "
                    + "transitional state", example = "Running") @QueryParam("state") String state,
            @Parameter(description = "Only VMs placed on this host") @QueryParam("host") String host,
            @Parameter(description = "Only VMs of this guest distribution, as the VM records it", example = "Ubuntu")
            @QueryParam("distribution") String distribution,
            @Parameter(description = "Page size, 1-500", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        var filter = new VmQueries.VmFilter(caller.tenantFilter(tenant), state, host, distribution);
        return Page.of(queries.vms(filter, cursor, size + 1), size, VmView::vmId);
    }
}
