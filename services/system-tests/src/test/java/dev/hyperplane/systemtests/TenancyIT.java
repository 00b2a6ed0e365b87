package dev.hyperplane.systemtests;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Through the gateway: every endpoint checks who calls, quotas refuse with a reason, a retried POST is one VM. */
class TenancyIT {
    private static final String UBUNTU = """
            {"name": "%s", "vcpus": 1, "memoryMb": %d,
             "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}""";
    private static Api fleetAdmin;
    private static Api tenantAdmin;
    private static Api tenantUser;
    private static Api stranger;
    private static Api anonymous;

    @BeforeAll
    static void start() {
        var devstack = DevstackExtension.devstack();
        var tokens = devstack.tokens();
        fleetAdmin = new Api(devstack.baseUrl(), tokens.fleetAdmin());
        tenantAdmin = fleetAdmin.as(tokens.tenant("tenant-admin", "tenancy"));
        tenantUser = fleetAdmin.as(tokens.tenant("tenant-user", "tenancy"));
        stranger = fleetAdmin.as(tokens.tenant("tenant-admin", "globex"));
        anonymous = fleetAdmin.as(null);
    }

    /** One endpoint: method, path, body, and the least role that may call it. */
    private record Endpoint(String method, String path, String body, boolean adminOnly, boolean fleetOnly,
                            boolean tenantScoped) {
    }

    @Test
    void every_endpoint_refuses_a_missing_token_a_weak_role_and_another_tenant() {
        Api.Reply created = tenantAdmin.post("/api/v1/vms", UBUNTU.formatted("ten-1", 1024));
        assertThat(created.status()).isEqualTo(202);
        String vm = created.body().get("vmId").asText();
        String operation = created.body().get("operationId").asText();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(tenantAdmin.get("/api/v1/fleet/vms/" + vm).body().path("state").asText()).isEqualTo("Running"));
        String host = fleetAdmin.get("/api/v1/vms/" + vm).body().get("hostId").asText();

        List<Endpoint> endpoints = List.of(
                new Endpoint("POST", "/api/v1/vms", UBUNTU.formatted("ten-x", 512), true, false, false),
                new Endpoint("GET", "/api/v1/vms", null, false, false, false),
                new Endpoint("GET", "/api/v1/vms/" + vm, null, false, false, true),
                new Endpoint("POST", "/api/v1/vms/" + vm + "/restart", "", false, false, true),
                new Endpoint("POST", "/api/v1/vms/" + vm + "/resize", "{\"vcpus\": 2, \"memoryMb\": 1024}", true, false, true),
                new Endpoint("DELETE", "/api/v1/vms/" + vm, null, true, false, true),
                new Endpoint("GET", "/api/v1/vms/" + vm + "/events", null, false, false, true),
                new Endpoint("GET", "/api/v1/operations/" + operation, null, false, false, true),
                new Endpoint("GET", "/api/v1/tenants/tenancy/quota", null, false, false, true),
                new Endpoint("PUT", "/api/v1/tenants/tenancy/quota", "{\"vcpus\": 8, \"memoryMb\": 8192, \"vms\": 4}", true, true, false),
                new Endpoint("GET", "/api/v1/fleet/vms", null, false, false, false),
                new Endpoint("GET", "/api/v1/fleet/vms/" + vm, null, false, false, true),
                new Endpoint("GET", "/api/v1/fleet/vms/" + vm + "/crash-dumps", null, false, false, true),
                new Endpoint("GET", "/api/v1/fleet/vms/" + vm + "/hot-add-failures", null, false, false, true),
                new Endpoint("GET", "/api/v1/guest-os", null, false, false, false),
                new Endpoint("GET", "/api/v1/hosts", null, true, true, false),
                new Endpoint("GET", "/api/v1/hosts/" + host, null, true, true, false),
                new Endpoint("PUT", "/api/v1/hosts/" + host + "/maintenance", "{\"enabled\": false}", true, true, false),
                new Endpoint("GET", "/api/v1/agent/hosts", null, true, true, false),
                new Endpoint("POST", "/api/v1/agent/hosts/" + host + "/vms/" + vm + "/kvp-daemon-stop", "", true, true, false));
        for (Endpoint e : endpoints) {
            String what = e.method() + " " + e.path();
            Api.Reply none = anonymous.call(e.method(), e.path(), e.body());
            assertThat(none.status()).as(what + " without a token").isEqualTo(401);
            assertThat(none.raw().headers().firstValue("Content-Type")).as(what)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            if (e.fleetOnly()) {
                assertThat(tenantAdmin.call(e.method(), e.path(), e.body()).status()).as(what + " as tenant admin")
                        .isEqualTo(403);
            } else if (e.adminOnly()) {
                assertThat(tenantUser.call(e.method(), e.path(), e.body()).status()).as(what + " as tenant user")
                        .isEqualTo(403);
            }
            if (e.tenantScoped() && !e.method().equals("DELETE")) {
                assertThat(stranger.call(e.method(), e.path(), e.body()).status()).as(what + " as another tenant")
                        .isEqualTo(404);
            }
        }
        // last, as the strangers' DELETE: it must find nothing, and the VM is still there
        assertThat(stranger.delete("/api/v1/vms/" + vm).status()).isEqualTo(404);
        assertThat(tenantAdmin.get("/api/v1/vms/" + vm).body().get("state").asText()).isNotEqualTo("Deleted");
    }

    @Test
    void quotas_refuse_with_the_reason_and_a_retried_post_creates_one_vm() {
        String tenant = "quota-" + UUID.randomUUID().toString().substring(0, 8);
        Api admin = tenantAdmin.as(DevstackExtension.devstack().tokens().tenant("tenant-admin", tenant));
        assertThat(fleetAdmin.put("/api/v1/tenants/" + tenant + "/quota",
                "{\"vcpus\": 2, \"memoryMb\": 2048, \"vms\": 1}").status()).isEqualTo(200);

        Api.Reply alone = admin.post("/api/v1/vms", UBUNTU.formatted("too-big", 4096));
        assertThat(alone.status()).isEqualTo(422);
        assertThat(alone.body().get("errors").get(0).get("field").asText()).isEqualTo("memoryMb");

        String key = UUID.randomUUID().toString();
        Api.Reply first = admin.post("/api/v1/vms", UBUNTU.formatted("once", 1024), key);
        Api.Reply again = admin.post("/api/v1/vms", UBUNTU.formatted("once", 1024), key);
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().get("vmId").asText()).isEqualTo(first.body().get("vmId").asText());
        assertThat(admin.get("/api/v1/vms").body().get("items")).hasSize(1);

        Api.Reply noRoom = admin.post("/api/v1/vms", UBUNTU.formatted("second", 512));
        assertThat(noRoom.status()).isEqualTo(409);
        assertThat(noRoom.body().get("type").asText()).endsWith("/quota-exceeded");
        assertThat(noRoom.body().get("errors").findValuesAsText("field")).contains("vmCount");
        assertThat(noRoom.body().get("detail").asText()).isNotBlank();
    }
}
