package dev.hyperplane.provisioning.api;

import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.provisioning.command.VmRequestRefused;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Turns a VM's refusal into problem+json. */
public class VmRefusalMapper {

    /** The VM said no: the state does not allow it (409), the version moved on (412), or it is deleted (410). */
    @ServerExceptionMapper
    public Response refused(VmRequestRefused e, UriInfo uri) {
        int status;
        String slug;
        String title;
        if (e.kind() == VmRequestRefused.Kind.VERSION_MISMATCH) {
            status = 412;
            slug = "version-mismatch";
            title = "The VM changed";
        } else if (e.kind() == VmRequestRefused.Kind.GONE) {
            status = 410;
            slug = "vm-deleted";
            title = "The VM is deleted";
        } else {
            status = 409;
            slug = "vm-state-conflict";
            title = "Not possible in the VM's state";
        }
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new ProblemException(status, slug, title, e.getMessage(), List.of()).toProblem(uri.getPath()))
                .build();
    }
}
