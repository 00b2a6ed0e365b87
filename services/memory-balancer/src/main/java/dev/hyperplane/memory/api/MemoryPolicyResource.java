package dev.hyperplane.memory.api;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.memory.command.SetTenantMemoryPlan;
import dev.hyperplane.memory.command.SetVmMemoryPolicy;
import dev.hyperplane.memory.domain.PolicyRules;
import dev.hyperplane.memory.query.FleetMemory;
import dev.hyperplane.memory.query.MemoryPolicies;
import dev.hyperplane.memory.query.MemoryPushes;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory policies: a VM's own (startup, minimum, maximum, buffer, weight) and a tenant's plan for its VMs without
 * one. Every change is checked against the VM's guest (what it negotiated on its host, else Microsoft's support
 * tables) and is pushed to the VM's host by the control loop.
 */
@Path("/api/v1/memory/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "memory policies", description = "Dynamic Memory per VM and per tenant plan")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "404", description = "No such VM or tenant, or another tenant's",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MemoryPolicyResource {
    private static final String TENANT_ID = "[a-z0-9][a-z0-9-]*";

    @Schema(description = "Dynamic Memory settings (Set-VMMemory). Without dynamic the VM has startupMb only.",
            example = """
                    {"dynamic": true, "startupMb": 2048, "minimumMb": 512, "maximumMb": 8192, "bufferPercent": 20,
                     "priority": 80}""")
    public record PolicyRequest(
            @NotNull(message = "say whether the VM uses Dynamic Memory") Boolean dynamic,
            @Schema(description = "VM policies only; default: the VM's current startup memory") Long startupMb,
            @Schema(description = "required with dynamic") Long minimumMb,
            @Schema(description = "required with dynamic") Long maximumMb,
            @Schema(description = "5-2000, default 20") Integer bufferPercent,
            @Schema(description = "memory weight 0-100, default 50") Integer priority) {

        MemoryPlan plan(long startupMb) {
            if (!dynamic) {
                return MemoryPlan.fixed(startupMb);
            }
            List<Problem.FieldError> missing = new ArrayList<>();
            if (minimumMb == null) {
                missing.add(new Problem.FieldError("minimumMb", "required with Dynamic Memory"));
            }
            if (maximumMb == null) {
                missing.add(new Problem.FieldError("maximumMb", "required with Dynamic Memory"));
            }
            refuseIf(missing);
            return new MemoryPlan(true, minimumMb, maximumMb,
                    bufferPercent == null ? PolicyRules.DEFAULT_BUFFER_PERCENT : bufferPercent,
                    priority == null ? 50 : priority);
        }
    }

    /**
     * A VM's policy: what it should have ({@code source}: {@code vm}, {@code tenant} or {@code none} when it keeps
     * what it was created with), what its host has, and how the last push went.
     */
    public record VmPolicyView(String vmId, String tenantId, String source, long startupMb, MemoryPlan memory,
                               Long version, String setBy, Instant setAt, OnHost onHost, MemoryPushes.Push push) {
    }

    /** What the VM's host reported last. */
    public record OnHost(String hostId, long startupMb, MemoryPlan memory) {
    }

    public record TenantPlanView(String tenantId, MemoryPlan memory, Long version, String setBy, Instant setAt) {
    }

    @Inject
    FleetMemory fleet;
    @Inject
    MemoryPolicies policies;
    @Inject
    MemoryPushes pushes;
    @Inject
    CommandGateway commands;
    @Inject
    Caller caller;

    @GET
    @Path("/vms/{vmId}")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "getVmMemoryPolicy", summary = "A VM's memory policy, its host's settings and the last push",
            description = "A VM's memory policy (its own, else its tenant's plan), the settings its host reports and the last push of the policy to the host.")
    @APIResponse(responseCode = "200", description = "The policy")
    public VmPolicyView vmPolicy(@PathParam("vmId") String vmId) {
        return view(visibleVm(vmId));
    }

    @PUT
    @Path("/vms/{vmId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "setVmMemoryPolicy", summary = "Set a VM's memory policy", description = "Checked against the guest: Dynamic Memory needs "
            + "a 64-bit guest that can balloon; a guest that cannot hot-add needs maximum = startup; Linux sizes are "
            + "multiples of 128 MB. While the VM runs, its host accepts only a higher maximum, a lower minimum and new "
            + "buffer and weight unless host and guest support Runtime Memory Resize; a refusal shows in push. Never "
            + "above what provisioning approved for the VM (its Dynamic Memory maximum, which the tenant's quota "
            + "counts): raising that is a resize, POST /api/v1/vms/{vmId}/resize.")
    @APIResponse(responseCode = "200", description = "The policy as set; the control loop pushes it to the host")
    @APIResponse(responseCode = "400", description = "No JSON body or a missing field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Settings the guest or Hyper-V cannot take, each with its field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VmPolicyView setVmPolicy(@PathParam("vmId") String vmId,
                                    @NotNull(message = "a JSON body is required") @Valid PolicyRequest request) {
        FleetMemory.Vm vm = visibleVm(vmId);
        long startup = request.startupMb() == null ? vm.startupMb() : request.startupMb();
        MemoryPlan plan = request.plan(startup);
        refuseIf(PolicyRules.check(startup, plan, vm.guest()));
        refuseIf(PolicyRules.checkApproved(vmId, startup, plan, vm.approvedMostMb()));
        commands.sendAndWait(new SetVmMemoryPolicy(vmId, vm.tenantId(), startup, plan, caller.name()));
        return view(vm);
    }

    @GET
    @Path("/tenants/{tenantId}")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "getTenantMemoryPlan", summary = "A tenant's memory plan (static memory until one is set)",
            description = "The Dynamic Memory plan a tenant's VMs follow unless they have a policy of their own.")
    @APIResponse(responseCode = "200", description = "The plan")
    public TenantPlanView tenantPlan(@PathParam("tenantId") @Pattern(regexp = TENANT_ID) String tenantId) {
        caller.tenantFilter(tenantId);
        return policies.tenantPlan(tenantId).map(p -> new TenantPlanView(tenantId, p.memory(), p.version(),
                p.setBy(), p.setAt())).orElse(new TenantPlanView(tenantId, null, null, null, null));
    }

    @PUT
    @Path("/tenants/{tenantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN})
    @Operation(operationId = "setTenantMemoryPlan", summary = "Set a tenant's memory plan", description = "Applies to the tenant's VMs without a policy "
            + "of their own: each keeps its startup memory, the minimum is capped at it and the maximum raised to "
            + "it; a guest that cannot balloon stays static, one that cannot hot-add keeps maximum = startup.")
    @APIResponse(responseCode = "200", description = "The plan as set")
    @APIResponse(responseCode = "422", description = "Settings out of Hyper-V's ranges, each with its field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TenantPlanView setTenantPlan(@PathParam("tenantId") @Pattern(regexp = TENANT_ID) String tenantId,
                                        @NotNull(message = "a JSON body is required") @Valid PolicyRequest request) {
        caller.tenantFilter(tenantId);
        if (request.startupMb() != null) {
            refuseIf(List.of(new Problem.FieldError("startupMb", "a plan keeps each VM's own startup memory")));
        }
        MemoryPlan plan = request.plan(PolicyRules.MIN_MEMORY_MB);
        refuseIf(PolicyRules.checkPlan(plan));
        commands.sendAndWait(new SetTenantMemoryPlan(tenantId, plan, caller.name()));
        return tenantPlan(tenantId);
    }

    private FleetMemory.Vm visibleVm(String vmId) {
        return fleet.vm(vmId).filter(vm -> caller.canSee(vm.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("VM", vmId));
    }

    private VmPolicyView view(FleetMemory.Vm vm) {
        var own = policies.vmPolicy(vm.vmId()).orElse(null);
        var plan = policies.tenantPlan(vm.tenantId()).orElse(null);
        var desired = MemoryPolicies.desired(vm, own, plan);
        OnHost onHost = new OnHost(vm.hostId(), vm.startupMb(), vm.plan());
        MemoryPushes.Push push = pushes.of(vm.vmId()).orElse(null);
        if (desired.isEmpty()) {
            return new VmPolicyView(vm.vmId(), vm.tenantId(), "none", vm.startupMb(), vm.plan(), null, null, null,
                    onHost, push);
        }
        var d = desired.get();
        return new VmPolicyView(vm.vmId(), vm.tenantId(), d.source(), d.startupMb(), d.memory(),
                own != null ? own.version() : plan.version(), own != null ? own.setBy() : plan.setBy(),
                own != null ? own.setAt() : plan.setAt(), onHost, push);
    }

    private static void refuseIf(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "invalid-memory-policy", "Invalid memory policy",
                    errors.size() + " setting(s) cannot be applied: " + errors.get(0).reason(), errors);
        }
    }
}
