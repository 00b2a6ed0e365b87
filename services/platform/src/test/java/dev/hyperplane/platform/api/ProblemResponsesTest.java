package dev.hyperplane.platform.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponsesTest {

    private static Operation operation(String... statuses) {
        var responses = OASFactory.createAPIResponses();
        for (String status : statuses) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description("as declared"));
        }
        return OASFactory.createOperation().responses(responses);
    }

    @Test
    void every_public_api_operation_answers_401_and_403_with_a_problem() {
        Operation get = operation("200");
        Operation post = operation("202", "403");
        Operation health = operation("200");
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/vms", OASFactory.createPathItem().GET(get).POST(post))
                .addPathItem("/q/health", OASFactory.createPathItem().GET(health)));

        new ProblemResponses().filterOpenAPI(api);

        assertThat(get.getResponses().getAPIResponses()).containsKeys("200", "401", "403");
        assertThat(get.getResponses().getAPIResponse("401").getContent().getMediaType(Problem.MEDIA_TYPE)
                .getSchema().getRef()).isEqualTo("#/components/schemas/Problem");
        assertThat(get.getResponses().getAPIResponse("401").getContent().getMediaType(Problem.MEDIA_TYPE)
                .getExample()).as("with an example body").asString()
                .contains("https://hyperplane.dev/problems/unauthenticated");
        assertThat(post.getResponses().getAPIResponse("403").getDescription())
                .as("a response the resource declares itself is kept").isEqualTo("as declared");
        assertThat(post.getResponses().getAPIResponses()).containsKey("401");
        assertThat(health.getResponses().getAPIResponses()).containsOnlyKeys("200");
    }
}
