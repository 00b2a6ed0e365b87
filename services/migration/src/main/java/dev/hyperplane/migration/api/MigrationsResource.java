package dev.hyperplane.migration.api;

import dev.hyperplane.migration.command.CancelMigration;
import dev.hyperplane.migration.command.RequestMigration;
import dev.hyperplane.migration.domain.MigrationPolicy;
import dev.hyperplane.migration.domain.MigrationState;
import dev.hyperplane.migration.query.MigrationView;
import dev.hyperplane.migration.query.MigrationVms;
import dev.hyperplane.migration.query.Migrations;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Live migrations (fleet-admin): start one, follow its passes, cancel it. A tenant sees its VM's moves in the VM's
 * history (provisioning's VmMoveStarted and VmMoved), not here.
 */
@Path("/api/v1/migrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "migrations", description = "Moving VMs between hosts")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.FLEET_ADMIN)
public class MigrationsResource {
    private static final Set<String> STATES = Arrays.stream(MigrationState.values()).map(MigrationState::label)
            .collect(Collectors.toUnmodifiableSet());

    @Inject
    CommandGateway commands;
    @Inject
    Migrations migrations;
    @Inject
    MigrationVms vms;
    @Inject
    Caller caller;
    @ConfigProperty(name = "hyperplane.migration.default-policy")
    String defaultPolicy;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startMigration", summary = "Migrate a VM to another host", description = "It waits in "
            + "a queue (in the order asked) while its hosts or the fleet run as many migrations as allowed; then "
            + "provisioning reserves a destination (the one named, or one chosen by the placement rules) while the VM keeps running on its "
            + "host; then the host copies its memory pass by pass under the policy until the VM runs on the "
            + "destination. Follow the migration in Location; it ends completed, failed (with the reason: no "
            + "destination, did not converge, a deadline) or cancelled, and never leaves the VM on no host or two.")
    @APIResponse(responseCode = "202", description = "Accepted; the migration is queued until the concurrency limits "
            + "give it a turn",
            headers = @Header(name = "Location", description = "/api/v1/migrations/{migrationId}",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = MigrationView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such VM",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The VM is Stopped, Failed, Deleted or Lost, or already migrating "
            + "(a VM in any other state that is not Running is refused by provisioning: the migration then fails with "
            + "the reason), its migration mode does not allow it (none, or quick when live is asked for)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown policy",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@NotNull(message = "a JSON body is required") @Valid StartMigrationRequest request) {
        String policy = request.policy() == null ? defaultPolicy : request.policy();
        if (MigrationPolicy.of(policy).isEmpty()) {
            throw ProblemException.invalidField(422, "policy", "one of " + MigrationPolicy.ids());
        }
        MigrationVms.Vm vm = vms.find(request.vmId()).orElseThrow(() -> ProblemException.notFound("VM", request.vmId()));
        vm.refusal(request.mode()).ifPresent(reason -> {
            throw ProblemException.conflict(reason);
        });
        migrations.activeFor(vm.vmId()).ifPresent(id -> {
            throw ProblemException.conflict("VM " + vm.vmId() + " is already migrating (" + id + ")");
        });
        String migrationId = UUID.randomUUID().toString();
        commands.sendAndWait(new RequestMigration(migrationId, vm.vmId(), vm.hostId(), request.targetHostId(), policy,
                vm.mode().migrationFor(request.mode()), "manual", vm.memoryMb(), caller.name(), null));
        return Response.accepted(get(migrationId)).location(URI.create("/api/v1/migrations/" + migrationId)).build();
    }

    @GET
    @Operation(operationId = "listMigrations", summary = "Migrations, newest first", description = "Filter by VM, by "
            + "host (source or destination) and by state; pages like every list.")
    @APIResponse(responseCode = "200", description = "A page of migrations")
    @APIResponse(responseCode = "400", description = "Unknown state, or a limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<MigrationView> list(@QueryParam("vm") String vmId,
                                    @Parameter(description = "source or destination") @QueryParam("host") String hostId,
                                    @Parameter(description = "queued, preparing, copying, completed, failed or cancelled")
                                    @QueryParam("state") String state,
                                    @QueryParam("limit") Integer limit,
                                    @QueryParam("cursor") String cursor) {
        if (state != null && !STATES.contains(state)) {
            throw ProblemException.invalidField(400, "state", "one of " + STATES);
        }
        int pageSize = Page.limit(limit);
        return Page.of(migrations.list(vmId, hostId, state, cursor, pageSize + 1), pageSize,
                MigrationView::migrationId);
    }

    @GET
    @Path("/{migrationId}")
    @Operation(operationId = "getMigration", summary = "Get a migration", description = "Its state, every finished "
            + "pre-copy pass (MB sent, MB dirtied meanwhile, the allowed downtime it was judged against), the "
            + "downtime allowed now, the final blackout, or why it failed.")
    @APIResponse(responseCode = "200", description = "The migration",
            content = @Content(schema = @Schema(implementation = MigrationView.class)))
    @APIResponse(responseCode = "404", description = "No such migration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MigrationView get(@PathParam("migrationId") String migrationId) {
        return migrations.find(migrationId).orElseThrow(() -> ProblemException.notFound("migration", migrationId));
    }

    @POST
    @Path("/{migrationId}/cancel")
    @Operation(operationId = "cancelMigration", summary = "Cancel a migration", description = "A queued migration ends "
            + "cancelled at once; a running one stops copying on its source host and the VM runs on where it is; "
            + "it ends cancelled once the host confirms.")
    @APIResponse(responseCode = "202", description = "Cancelling",
            content = @Content(schema = @Schema(implementation = MigrationView.class)))
    @APIResponse(responseCode = "404", description = "No such migration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "It has ended already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("migrationId") String migrationId) {
        MigrationView migration = get(migrationId);
        if (MigrationState.of(migration.state()).terminal()) {
            throw ProblemException.conflict("migration " + migrationId + " has ended (" + migration.state() + ")");
        }
        commands.sendAndWait(new CancelMigration(migrationId, caller.name()));
        return Response.accepted(get(migrationId)).build();
    }
}
