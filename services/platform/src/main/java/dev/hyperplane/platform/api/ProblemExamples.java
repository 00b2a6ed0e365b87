package dev.hyperplane.platform.api;

import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every problem+json response of the public API shows an example body, so a panel developer sees what a 404 or a
 * 412 of this very operation looks like: the problem type the services use for that status, the response's own
 * description as the detail, the operation's path as the instance. A resource that declares its own example
 * keeps it. {@link ProblemResponses} applies it to every operation of the public API.
 */
public final class ProblemExamples {

    /** The problem type (after {@link Problem#TYPE_BASE}) and title the services answer with, per status. */
    record Kind(String slug, String title) {
    }

    static final Map<String, Kind> BY_STATUS = Map.of(
            "400", new Kind("validation", "Invalid request"),
            "401", new Kind("unauthenticated", "Unauthenticated"),
            "403", new Kind("forbidden", "Forbidden"),
            "404", new Kind("not-found", "Not found"),
            "409", new Kind("vm-state-conflict", "Not possible in the VM's state"),
            "410", new Kind("vm-deleted", "The VM is deleted"),
            "412", new Kind("version-mismatch", "The VM changed"),
            "422", new Kind("validation", "Invalid request"),
            "503", new Kind("unavailable", "Unavailable"));

    /** Sets the example of each problem+json response of the operation that has none. */
    static void fill(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            MediaType problem = response.getContent() == null ? null
                    : response.getContent().getMediaType(Problem.MEDIA_TYPE);
            Kind kind = BY_STATUS.get(status);
            if (problem == null || kind == null || problem.getExample() != null
                    || problem.getExamples() != null && !problem.getExamples().isEmpty()) {
                return;
            }
            problem.setExample(example(Integer.parseInt(status), kind, response.getDescription(), path, method));
        });
    }

    private ProblemExamples() {
    }

    static Map<String, Object> example(int status, Kind kind, String description, String path,
                                       PathItem.HttpMethod method) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problem.TYPE_BASE + kind.slug());
        body.put("title", kind.title());
        body.put("status", status);
        body.put("detail", description);
        body.put("instance", path.replaceAll("\\{(\\w+?)(Id)?}", "$1-1")); // /api/v1/vms/vm-1/resize
        if ("validation".equals(kind.slug())) {
            // a list's bad page size, or a body's bad field
            body.put("errors", List.of(method == PathItem.HttpMethod.GET
                    ? Map.of("field", "limit", "reason", "must be between 1 and " + Page.MAX_LIMIT)
                    : Map.of("field", "memoryMb", "reason", "must be at least 32")));
        }
        return body;
    }
}
