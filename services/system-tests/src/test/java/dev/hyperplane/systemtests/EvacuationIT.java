package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Host evacuation on the devstack: a host running 20 VMs of mixed guests (Windows Server 2022, which Microsoft
 * supports on WS2019 and newer hosts only, and five Linux distributions; some with migration mode quick) is emptied
 * through the migration service, provisioning and the agent, under the concurrency limits; every VM ends on exactly
 * one other host and every service agrees; then a return brings them back. (VMs other tests left on the host move
 * with them: the devstack is shared.)
 */
class EvacuationIT {
    private static final String TENANT = "evacuees";
    /** family, distribution, version, how many, how many of those with migration mode quick */
    private static final String[][] GUESTS = {
            {"windows", "Windows Server", "2022", "4", "1"},
            {"linux", "Ubuntu", "20.04 LTS", "4", "1"},
            {"linux", "Debian", "10.2", "3", "1"},
            {"linux", "CentOS", "7.8", "3", "1"},
            {"linux", "Oracle", "8.5", "3", "0"},
            {"linux", "SUSE (SLES)", "SLES 15", "3", "0"}};

    private static Api admin;
    private static final List<String> created = new ArrayList<>();
    private static final List<String> hostsInMaintenance = new ArrayList<>();

    @BeforeAll
    static void start() {
        var devstack = DevstackExtension.devstack();
        admin = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
    }

    @AfterAll
    static void cleanUp() {
        hostsInMaintenance.forEach(h -> admin.put("/api/v1/hosts/" + h + "/maintenance", "{\"enabled\": false}"));
        created.forEach(vmId -> admin.delete("/api/v1/vms/" + vmId));
        NeverTwice.assertNoVmRanTwice(DevstackExtension.devstack()); // forty moves, none a VM run twice
    }

    @Test
    void a_host_with_twenty_vms_of_mixed_guests_is_emptied_and_they_return() {
        // the newest host takes every guest: fill it while the others are in maintenance
        String host = null;
        for (JsonNode h : admin.get("/api/v1/hosts?limit=500").body().get("items")) {
            if (host == null || h.get("windowsServerVersion").asText().compareTo(
                    admin.get("/api/v1/hosts/" + host).body().get("windowsServerVersion").asText()) > 0) {
                host = h.get("hostId").asText();
            }
        }
        String evacuated = host;
        for (JsonNode h : admin.get("/api/v1/hosts?limit=500").body().get("items")) {
            String other = h.get("hostId").asText();
            if (!other.equals(evacuated)) {
                maintenance(other, true);
                hostsInMaintenance.add(other);
            }
        }
        assertThat(admin.put("/api/v1/tenants/" + TENANT + "/quota", """
                {"vcpus": 64, "memoryMb": 1048576, "vms": 50}""").status()).isEqualTo(200);
        List<String> quick = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        for (String[] guest : GUESTS) {
            for (int i = 0; i < Integer.parseInt(guest[3]); i++) {
                String mode = i < Integer.parseInt(guest[4]) ? "quick" : "live";
                Api.Reply reply = admin.post("/api/v1/vms", """
                        {"tenantId": "%s", "name": "evacuee-%d", "vcpus": 1, "memoryMb": 1024, "migrationMode": "%s",
                         "guestOs": {"family": "%s", "distribution": "%s", "version": "%s"}}"""
                        .formatted(TENANT, created.size(), mode, guest[0], guest[1], guest[2]));
                assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(202);
                created.add(reply.body().get("vmId").asText());
                operations.add("/api/v1/operations/" + reply.body().get("operationId").asText());
                if (mode.equals("quick")) {
                    quick.add(reply.body().get("vmId").asText());
                }
            }
        }
        for (String operation : operations) {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                    assertThat(admin.get(operation).body().path("state").asText()).isEqualTo("Succeeded"));
        }
        for (String vmId : created) {
            assertThat(admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText())
                    .as("provisioning heard of the other hosts' maintenance before the VMs were placed")
                    .isEqualTo(evacuated);
        }
        hostsInMaintenance.forEach(h -> maintenance(h, false));
        hostsInMaintenance.clear();

        Api.Reply started = admin.post("/api/v1/evacuations", "{\"hostId\": \"" + evacuated + "\"}");
        assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(202);
        String path = "/api/v1/evacuations/" + started.body().get("evacuationId").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                admin.get("/api/v1/hosts/" + evacuated).body().get("inMaintenance").asBoolean()).isTrue());
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode body = admin.get(path).body();
            assertThat(body.get("state").asText()).as(body.toString()).isEqualTo("completed");
        });
        JsonNode evacuation = admin.get(path).body();
        for (String vmId : created) {
            JsonNode vm = vmOf(evacuation, vmId);
            assertThat(vm.get("state").asText()).as(vm.toString()).isEqualTo("completed");
            assertThat(vm.get("mode").asText()).isEqualTo(quick.contains(vmId) ? "quick" : "live");
        }
        if (evacuation.get("failed").asInt() == 0) {
            assertThat(evacuation.get("hostEmpty").asBoolean()).isTrue();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> everywhere = new ArrayList<>();
            for (JsonNode h : admin.get("/api/v1/hosts?limit=500").body().get("items")) {
                everywhere.addAll(admin.get("/api/v1/agent/hosts/" + h.get("hostId").asText()).body().get("vms")
                        .findValuesAsText("vmId"));
            }
            for (String vmId : created) {
                String now = admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText();
                assertThat(now).isNotEqualTo(evacuated).isEqualTo(vmOf(evacuation, vmId).get("destinationHostId")
                        .asText());
                assertThat(admin.get("/api/v1/fleet/vms/" + vmId).body().get("hostId").asText()).isEqualTo(now);
                assertThat(everywhere.stream().filter(vmId::equals)).as("%s runs on exactly one host", vmId)
                        .hasSize(1);
            }
            assertThat(admin.get("/api/v1/agent/hosts/" + evacuated).body().get("vms").findValuesAsText("vmId"))
                    .doesNotContainAnyElementsOf(created);
        });
        // Windows Server 2022 guests could only go to the WS2019 host
        for (int i = 0; i < 4; i++) {
            String windows = created.get(i);
            String to = admin.get("/api/v1/vms/" + windows).body().get("hostId").asText();
            assertThat(admin.get("/api/v1/hosts/" + to).body().get("windowsServerVersion").asText()).isEqualTo("2019");
        }

        // the return takes the host out of maintenance and brings them back
        assertThat(admin.post(path + "/return", "").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode body = admin.get(path).body();
            assertThat(body.get("state").asText()).as(body.toString()).isEqualTo("returned");
        });
        assertThat(admin.get("/api/v1/hosts/" + evacuated).body().get("inMaintenance").asBoolean()).isFalse();
        JsonNode returned = admin.get(path).body();
        for (String vmId : created) {
            assertThat(vmOf(returned, vmId, "back").get("state").asText()).isEqualTo("completed");
            assertThat(admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText()).isEqualTo(evacuated);
        }
    }

    private static JsonNode vmOf(JsonNode evacuation, String vmId) {
        return vmOf(evacuation, vmId, "out");
    }

    /** The VM's move in a phase of the evacuation (out, or back for the return). */
    private static JsonNode vmOf(JsonNode evacuation, String vmId, String phase) {
        for (JsonNode vm : evacuation.get("vms")) {
            if (vm.get("vmId").asText().equals(vmId) && vm.get("phase").asText().equals(phase)) {
                return vm;
            }
        }
        throw new AssertionError("VM " + vmId + " is not in " + evacuation);
    }

    private static void maintenance(String hostId, boolean enabled) {
        assertThat(admin.put("/api/v1/hosts/" + hostId + "/maintenance",
                "{\"enabled\": " + enabled + ", \"reason\": \"EvacuationIT\"}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                admin.get("/api/v1/hosts/" + hostId).body().get("inMaintenance").asBoolean()).isEqualTo(enabled));
    }
}
