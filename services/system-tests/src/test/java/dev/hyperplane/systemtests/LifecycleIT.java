package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A tenant runs its VM on the simulated engine: graceful stop, start, delete; strangers see nothing. */
class LifecycleIT {
    private static Api admin;
    private static Api user;
    private static Api stranger;

    @BeforeAll
    static void start() {
        var devstack = DevstackExtension.devstack();
        var tokens = devstack.tokens();
        admin = new Api(devstack.baseUrl(), tokens.tenant("tenant-admin", "lifecycle"));
        user = admin.as(tokens.tenant("tenant-user", "lifecycle"));
        stranger = admin.as(tokens.tenant("tenant-admin", "globex"));
    }

    @Test
    void a_guest_shuts_down_through_its_integration_service_starts_again_and_is_deleted() {
        Api.Reply created = admin.post("/api/v1/vms", """
                {"name": "life-1", "vcpus": 1, "memoryMb": 1024,
                 "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}""");
        assertThat(created.status()).isEqualTo(202);
        String vmId = created.body().get("vmId").asText();
        admin.awaitOperation(created, "Succeeded");
        // give the guest time to boot its integration services (shutdown IC)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/fleet/vms/" + vmId).body().path("heartbeat").asText()).isEqualTo("Ok"));

        assertThat(stranger.get("/api/v1/vms/" + vmId).status()).isEqualTo(404);
        assertThat(stranger.post("/api/v1/vms/" + vmId + "/stop", "").status()).isEqualTo(404);
        assertThat(user.delete("/api/v1/vms/" + vmId).status()).isEqualTo(403);
        assertThat(admin.as(null).get("/api/v1/vms/" + vmId).status()).isEqualTo(401);

        Api.Reply stop = user.post("/api/v1/vms/" + vmId + "/stop", "");
        assertThat(stop.status()).isEqualTo(202);
        admin.awaitOperation(stop, "Succeeded");
        assertThat(admin.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Stopped");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/fleet/vms/" + vmId).body().path("powerState").asText()).isEqualTo("Off"));

        admin.awaitOperation(user.post("/api/v1/vms/" + vmId + "/start", ""), "Succeeded");
        assertThat(admin.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Running");

        admin.awaitOperation(admin.delete("/api/v1/vms/" + vmId), "Succeeded");
        assertThat(admin.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Deleted");
        JsonNode history = admin.get("/api/v1/vms/" + vmId + "/events").body();
        assertThat(history.findValuesAsText("requestedBy")).contains("tenant-user@lifecycle", "tenant-admin@lifecycle");
    }
}
