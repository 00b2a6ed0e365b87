package dev.hyperplane.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenApiMergerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode doc(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void paths_tags_and_components_of_every_service_make_one_document() throws Exception {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        services.put("provisioning", doc("""
                {'openapi': '3.1.0', 'tags': [{'name': 'vms'}],
                 'paths': {'/api/v1/vms': {'get': {'operationId': 'listVms',
                     'responses': {'200': {'content': {'application/json': {'schema': {'$ref': '#/components/schemas/Page'}}}},
                                   '404': {'content': {'application/problem+json': {'schema': {'$ref': '#/components/schemas/Problem'}}}}}}},
                           '/q/health': {'get': {}}},
                 'components': {'schemas': {'Problem': {'type': 'object'}, 'Page': {'type': 'object', 'title': 'vms'}},
                                'securitySchemes': {'bearer': {'type': 'http', 'scheme': 'bearer'}}}}"""));
        services.put("inventory", doc("""
                {'openapi': '3.1.0', 'tags': [{'name': 'hosts'}, {'name': 'vms'}],
                 'paths': {'/api/v1/hosts': {'get': {'operationId': 'listHosts',
                     'responses': {'200': {'content': {'application/json': {'schema': {'$ref': '#/components/schemas/Page'}}}}}}}},
                 'components': {'schemas': {'Problem': {'type': 'object'}, 'Page': {'type': 'object', 'title': 'hosts'}},
                                'securitySchemes': {'bearer': {'type': 'http', 'scheme': 'bearer'}}}}"""));

        JsonNode merged = OpenApiMerger.merge(services, "http://gateway");

        assertThat(merged.path("paths").has("/api/v1/vms")).isTrue();
        assertThat(merged.path("paths").has("/api/v1/hosts")).isTrue();
        assertThat(merged.path("paths").has("/q/health")).as("only the public API").isFalse();
        assertThat(merged.at("/servers/0/url").asText()).isEqualTo("http://gateway");
        assertThat(merged.findValuesAsText("name")).containsSubsequence("vms", "hosts");
        assertThat(merged.path("tags")).hasSize(2);
        // the same Problem twice is kept once; two different Page schemas are told apart
        assertThat(merged.at("/components/schemas").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("Problem", "Page", "InventoryPage");
        assertThat(merged.at("/paths/~1api~1v1~1hosts/get/responses/200/content/application~1json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/InventoryPage");
        assertThat(merged.at("/paths/~1api~1v1~1vms/get/responses/200/content/application~1json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/Page");
        assertThat(merged.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(merged.at("/info/contact/name").asText()).isNotBlank();
    }

    @Test
    void a_path_two_services_declare_is_an_error() throws Exception {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        services.put("a", doc("{'paths': {'/api/v1/vms': {'get': {}}}}"));
        services.put("b", doc("{'paths': {'/api/v1/vms': {'post': {}}}}"));
        assertThatThrownBy(() -> OpenApiMerger.merge(services, "http://gateway"))
                .hasMessageContaining("/api/v1/vms");
    }
}
