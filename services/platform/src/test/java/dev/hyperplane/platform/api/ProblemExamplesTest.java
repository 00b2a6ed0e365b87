package dev.hyperplane.platform.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

class ProblemExamplesTest {

    private static Operation withProblem(String status, String description) {
        return OASFactory.createOperation().responses(OASFactory.createAPIResponses().addAPIResponse(status,
                OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                        .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()))));
    }

    private static Object exampleOf(Operation operation, String status) {
        return operation.getResponses().getAPIResponse(status).getContent().getMediaType(Problem.MEDIA_TYPE)
                .getExample();
    }

    @ParameterizedTest(name = "{0} on {1} {2}: {3}")
    @CsvSource({
            "404, GET,  /api/v1/vms/{vmId},             not-found,          /api/v1/vms/vm-1",
            "412, POST, /api/v1/vms/{vmId}/resize,      version-mismatch,   /api/v1/vms/vm-1/resize",
            "410, POST, /api/v1/vms/{vmId}/start,       vm-deleted,         /api/v1/vms/vm-1/start",
            "404, GET,  /api/v1/memory/hosts/{hostId},  not-found,          /api/v1/memory/hosts/host-1",
            "400, GET,  /api/v1/guest-os/{id},          validation,         /api/v1/guest-os/id-1"})
    void each_problem_response_gets_the_services_type_its_description_and_a_concrete_path(
            String status, String method, String path, String slug, String instance) {
        Operation operation = withProblem(status, "as the resource describes it");
        var item = OASFactory.createPathItem();
        if (method.equals("GET")) {
            item.GET(operation);
        } else {
            item.POST(operation);
        }
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem(path, item));

        new ProblemResponses().filterOpenAPI(api);

        @SuppressWarnings("unchecked")
        Map<String, Object> example = (Map<String, Object>) exampleOf(operation, status);
        assertThat(example).containsEntry("type", Problem.TYPE_BASE + slug)
                .containsEntry("status", Integer.parseInt(status))
                .containsEntry("detail", "as the resource describes it")
                .containsEntry("instance", instance);
    }

    @Test
    void a_validation_example_names_a_field() {
        Operation list = withProblem("400", "bad page size");
        new ProblemResponses().filterOpenAPI(OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/vms", OASFactory.createPathItem().GET(list))));
        assertThat(exampleOf(list, "400")).asInstanceOf(MAP)
                .containsEntry("errors", List.of(Map.of("field", "limit", "reason", "must be between 1 and 500")));
    }

    @Test
    void an_example_the_resource_declares_is_kept() {
        Operation operation = withProblem("422", "unknown guest");
        MediaType problem = operation.getResponses().getAPIResponse("422").getContent()
                .getMediaType(Problem.MEDIA_TYPE);
        problem.setExample(Map.of("type", "own"));
        new ProblemResponses().filterOpenAPI(OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/vms", OASFactory.createPathItem().POST(operation))));
        assertThat(problem.getExample()).isEqualTo(Map.of("type", "own"));
    }
}
