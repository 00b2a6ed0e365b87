package dev.hyperplane.inventory.api;

import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.hyperplane.guestsupport.Feature;
import dev.hyperplane.guestsupport.GuestNames;
import dev.hyperplane.guestsupport.LinuxDistribution;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The guest operating systems Hyper-V supports, from Microsoft's Linux support tables (module guest-support):
 * what a hosting panel shows a customer before a VM is created. Windows guests support every feature their host
 * offers.
 */
@Path("/api/v1/guest-os")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "guest-os", description = "Guest operating systems and their Hyper-V feature support")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class GuestOsResource {
    private final LisMatrix matrix = LisMatrix.shipped();
    private final GuestNames names = new GuestNames(matrix);

    /** One column of the support tables; {@code distribution} and {@code version} are what a VM request names. */
    public record GuestOs(String id, String distribution, String version, String kernel, String lisSource) {
    }

    /**
     * @param status             supported, not_supported or n/a, as published
     * @param requiresWs2016Host the tables mark it "2016+": a Windows Server 2016 or newer host is needed too
     */
    public record FeatureSupport(String feature, String status, boolean requiresWs2016Host, String notes) {
    }

    public record GuestOsDetail(String id, String distribution, String version, String kernel, String lisSource,
                                List<FeatureSupport> features) {
    }

    @GET
    @Operation(operationId = "listGuestOs", summary = "List supported Linux distributions", description = "Every column of Microsoft's support "
            + "tables in id order, cursor-paginated; filter by distribution (case-insensitive, aliases too), e.g. "
            + "Ubuntu, RHEL/CentOS, Debian, SUSE (SLES), Oracle Linux.")
    public Page<GuestOs> list(
            @Parameter(description = "Only this distribution, as the tables head it or by a common alias (CentOS, "
                    + "Red Hat, RHEL, SLES, SUSE, Oracle)", example = "Ubuntu")
            @QueryParam("distribution") String distribution,
            @Parameter(description = "Page size, 1-500", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        Set<String> titles = distribution == null ? null : names.titles(distribution);
        List<GuestOs> matching = matrix.distributions().stream()
                .filter(d -> titles == null || titles.stream().anyMatch(t -> t.equalsIgnoreCase(d.distro())))
                .map(d -> new GuestOs(d.id(), d.distro(), d.version(), d.kernel(), d.lisSource()))
                .toList();
        return Page.after(matching, GuestOs::id, cursor, size);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getGuestOs", summary = "Feature support of one distribution", description = "Each row of the support tables for "
            + "this column: dynamic memory hot-add and ballooning, live backup, Gen2 boot, Secure Boot, vRSS, ...")
    @APIResponse(responseCode = "200", description = "The distribution with every feature's support")
    @APIResponse(responseCode = "404", description = "No such distribution",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GuestOsDetail get(@Parameter(example = "ubuntu-20-04-lts-built-in") @PathParam("id") String id) {
        LinuxDistribution column = names.byId(id)
                .orElseThrow(() -> ProblemException.notFound("guest OS", id));
        List<FeatureSupport> features = Arrays.stream(Feature.values()).map(f -> {
            var cell = matrix.cell(column, f);
            return new FeatureSupport(f.name(), cell.status(), f.needsWs2016Host(), cell.notes());
        }).toList();
        return new GuestOsDetail(id, column.distro(), column.version(), column.kernel(), column.lisSource(), features);
    }
}
