package dev.hyperplane.provisioning.api;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.provisioning.command.CreateVm;
import dev.hyperplane.provisioning.domain.GuestCompatibility;
import dev.hyperplane.provisioning.query.IdempotencyKeys;
import dev.hyperplane.provisioning.query.OperationView;
import dev.hyperplane.provisioning.query.VmQueries;
import dev.hyperplane.provisioning.query.VmView;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HeaderParam;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.List;
import java.util.stream.Collectors;
import java.util.UUID;

/** Tenants' VMs: create one, follow it, list them. */
@Path("/api/v1/vms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vms", description = "Virtual machines of tenants")
public class VmsResource {

    @Inject
    CommandGateway commands;
    @Inject
    VmQueries queries;
    @Inject
    IdempotencyKeys idempotencyKeys;

    /** Records serialize their components in declaration order: a stable form to hash. */
    private static final ObjectMapper HASH_MAPPER = new ObjectMapper();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a VM", description = "Accepts the request and provisions the VM in the background: "
            + "placement on a host with room, then the host's agent creates and starts it. Follow the operation "
            + "in Location; it ends Succeeded (VM Running) or Failed with a reason.")
    @APIResponse(responseCode = "202", description = "Accepted; the operation tracks provisioning",
            headers = @Header(name = "Location", description = "/api/v1/operations/{operationId}"),
            content = @Content(schema = @Schema(implementation = OperationView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid fields; every field is listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The guest OS cannot run this VM (e.g. Gen2 on RHEL 5.9, Dynamic "
            + "Memory hot-add on RHEL 6.4); each error names the field and the missing feature",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @Parameter(description = "Makes the creation idempotent: the same key and body answer with the same "
                    + "operation; the same key with another body is refused (422)", example = "order-4711")
            @HeaderParam("Idempotency-Key") @Size(max = 255) String idempotencyKey,
            @NotNull(message = "a JSON body is required") @Valid CreateVmRequest request) {
        var guest = request.guestOs();
        GuestOs os = new GuestOs(guest.family(), guest.distribution(), guest.version());
        MemoryPlan memory = request.memoryPlan();
        List<Problem.FieldError> incompatible = GuestCompatibility.check(os, request.generationOrDefault(),
                request.secureBootOrDefault(), request.memoryMb(), memory);
        if (!incompatible.isEmpty()) {
            throw new ProblemException(422, "unsupported-by-guest", "The guest cannot run this VM",
                    incompatible.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ")),
                    incompatible);
        }
        CreateVm create = new CreateVm(UUID.randomUUID().toString(), request.tenantId(), request.name(),
                request.vcpus(), request.memoryMb(), os, request.generationOrDefault(), request.secureBootOrDefault(),
                memory, UUID.randomUUID().toString());
        String operationId = idempotencyKey == null ? createNow(create) : createOnce(create, idempotencyKey, request);
        OperationView operation = queries.operation(operationId).orElseThrow();
        return Response.accepted(operation).location(URI.create("/api/v1/operations/" + operationId)).build();
    }

    private String createNow(CreateVm create) {
        commands.sendAndWait(create);
        return create.operationId();
    }

    /**
     * The same key with the same body answers with what the first request created; with another body it is
     * refused. The key is recorded in the transaction of the VM's first event, so concurrent duplicates cannot
     * both create one: the loser hits the key's primary key and reads the winner's row.
     */
    private String createOnce(CreateVm create, String key, CreateVmRequest request) {
        String hash = requestHash(request);
        for (int attempt = 0; ; attempt++) {
            Optional<IdempotencyKeys.Use> used = idempotencyKeys.find(request.tenantId(), key);
            if (used.isPresent()) {
                if (!used.get().requestHash().equals(hash)) {
                    throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                            "Idempotency-Key " + key + " was used for a different request", List.of(
                            new Problem.FieldError("Idempotency-Key", "already used with another request body")));
                }
                return used.get().operationId();
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    idempotencyKeys.record(request.tenantId(), key,
                            new IdempotencyKeys.Use(hash, create.vmId(), create.operationId()));
                    commands.sendAndWait(create); // joins this transaction: key and VM commit together
                });
                return create.operationId();
            } catch (RuntimeException e) {
                if (attempt > 0) {
                    throw e;
                }
                // most likely a concurrent request with the same key won: read its row
            }
        }
    }

    private static String requestHash(CreateVmRequest request) {
        try {
            byte[] json = HASH_MAPPER.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (Exception e) {
            throw new IllegalStateException("cannot hash the request", e);
        }
    }

    @GET
    @Path("/{vmId}")
    @Operation(summary = "Get a VM")
    @APIResponse(responseCode = "200", description = "The VM; ETag is its version",
            content = @Content(schema = @Schema(implementation = VmView.class)))
    @APIResponse(responseCode = "404", description = "No such VM",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("vmId") String vmId) {
        VmView vm = queries.vm(vmId).orElseThrow(() -> ProblemException.notFound("VM", vmId));
        return Response.ok(vm).tag(new EntityTag(Long.toString(vm.version()))).build();
    }

    @GET
    @Operation(summary = "List VMs", description = "VMs in id order, cursor-paginated; filters combine.")
    public Page<VmView> list(
            @Parameter(description = "Only this tenant's VMs", example = "acme") @QueryParam("tenant") String tenant,
            @Parameter(description = "Requested, Placed, Running or Failed", example = "Running") @QueryParam("state") String state,
            @Parameter(description = "Page size, 1-500", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        return Page.of(queries.vms(tenant, state, cursor, size + 1), size, VmView::vmId);
    }
}
