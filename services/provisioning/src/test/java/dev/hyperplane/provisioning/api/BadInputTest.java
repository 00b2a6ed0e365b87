package dev.hyperplane.provisioning.api;

import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Input the database cannot take is a 400 problem naming the field, never a 500 (issue 14's fuzz found NUL
 * characters in parameters and bodies, and path ids longer than their column, reaching PostgreSQL).
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning_test"))
class BadInputTest {
    private static final String LONG_ID = "x".repeat(65);

    @ParameterizedTest(name = "{0} {1} -> 400 naming {2}")
    @CsvSource({
            "GET, /api/v1/vms?state=%00, state",
            "GET, /api/v1/vms?cursor=a%00b, cursor",
            "GET, /api/v1/vms?tenant=%00, tenant",
            "GET, /api/v1/vms?host=%00, host",
            "GET, /api/v1/vms?distribution=%00, distribution",
            "GET, /api/v1/vms/%00, vmId",
            "GET, /api/v1/vms/LONG, vmId",
            "GET, /api/v1/vms/LONG/events, vmId",
            "POST, /api/v1/vms/LONG/start, vmId",
            "GET, /api/v1/operations/LONG, operationId",
            "GET, /api/v1/tenants/LONG/quota, tenantId",
            "PUT, /api/v1/tenants/LONG/quota, tenantId",
            "PUT, /api/v1/tenants/a%00/quota, tenantId"})
    void a_parameter_the_database_cannot_take_is_a_400_naming_it(String method, String path, String field) {
        given().auth().oauth2(DevTokens.shared().fleetAdmin()).urlEncodingEnabled(false)
                .contentType(ContentType.JSON).body("{\"vcpus\": 8, \"memoryMb\": 8192, \"vms\": 4}")
                .request(method, path.replace("LONG", LONG_ID))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void a_nul_character_in_a_body_is_a_400_naming_the_field() {
        given().auth().oauth2(DevTokens.shared().fleetAdmin()).contentType(ContentType.JSON)
                .body("""
                        {"tenantId": "acme", "name": "web\\u0000-1", "vcpus": 1, "memoryMb": 1024,
                         "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}""")
                .post("/api/v1/vms")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].reason", startsWith("must not contain NUL"));
    }
}
