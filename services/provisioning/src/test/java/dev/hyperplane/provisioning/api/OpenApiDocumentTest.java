package dev.hyperplane.provisioning.api;

import dev.hyperplane.testsupport.HyperplaneTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning_test"))
class OpenApiDocumentTest {

    @Test
    void documents_every_endpoint_with_its_problem_responses_and_an_example() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getMap("paths")).containsKeys("/api/v1/vms", "/api/v1/vms/{vmId}", "/api/v1/operations/{operationId}");
        assertThat(doc.getMap("paths.'/api/v1/vms'.post.responses")).containsKeys("202", "400", "422");
        assertThat(doc.getString("paths.'/api/v1/vms'.post.responses.'422'.content.'application/problem+json'.schema.'$ref'"))
                .endsWith("/Problem");
        assertThat(doc.getMap("paths.'/api/v1/vms/{vmId}'.get.responses")).containsKeys("200", "404");
        assertThat(String.valueOf(doc.getMap("components.schemas").get("CreateVmRequest"))).contains("Ubuntu");
        assertThat(doc.getList("paths.'/api/v1/vms'.post.parameters.name")).contains("Idempotency-Key");
        assertThat(doc.getMap("paths")).containsKeys("/api/v1/vms/{vmId}/start", "/api/v1/vms/{vmId}/stop",
                "/api/v1/vms/{vmId}/restart", "/api/v1/vms/{vmId}/resize", "/api/v1/vms/{vmId}/events",
                "/api/v1/tenants/{tenantId}/quota");
        assertThat(doc.getMap("paths.'/api/v1/vms/{vmId}'.delete.responses"))
                .containsKeys("202", "401", "403", "404", "409", "412");
        assertThat(doc.getMap("paths.'/api/v1/vms/{vmId}/stop'.post.responses"))
                .containsKeys("202", "401", "403", "404", "409", "412");
        assertThat(doc.getMap("paths.'/api/v1/vms'.post.responses")).containsKeys("401", "403", "409");
        assertThat(doc.getList("paths.'/api/v1/vms/{vmId}/stop'.post.parameters.name")).contains("If-Match", "force");
        assertThat(doc.getMap("components.securitySchemes")).containsKey("bearer");
        assertThat(String.valueOf(doc.getMap("components.schemas").get("ResizeVmRequest"))).contains("16384");
    }

    /** Added by the platform's filter, not written on each resource. */
    @Test
    void every_operation_answers_401_and_403_with_a_problem() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> responses = (Map<String, Object>) operation.getValue().get("responses");
                assertThat(responses).as("%s %s", operation.getKey(), path.getKey()).containsKeys("401", "403");
                assertThat(String.valueOf(responses.get("401"))).contains("application/problem+json", "Problem");
                operations++;
            }
        }
        assertThat(operations).isGreaterThan(10);
    }
}
