package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A VM from REST to Running through every seam: provisioning, Kafka, the agent's host, inventory. */
class WalkingSkeletonIT {
    private static Api api;

    @BeforeAll
    static void start() {
        api = new Api(DevstackExtension.devstack().baseUrl(), DevstackExtension.devstack().tokens().fleetAdmin());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.get("/api/v1/hosts").body().get("items")).hasSize(4));
    }

    @Test
    void a_vm_created_through_the_api_runs_and_shows_in_inventory() {
        Api.Reply accepted = api.createVm("acme", "web-1", 2048);
        assertThat(accepted.status()).isEqualTo(202);
        String location = accepted.raw().headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(DevstackExtension.devstack().baseUrl() + "/api/v1/operations/");
        String vmId = accepted.body().get("vmId").asText();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Reply vm = api.get("/api/v1/fleet/vms/" + vmId);
            assertThat(vm.status()).isEqualTo(200);
            assertThat(vm.body().get("state").asText()).isEqualTo("Running");
            assertThat(vm.body().get("hostId").asText()).startsWith("agent-1-host-");
        });
        // the guest's KVP daemon reports its name, addresses and OS through the agent to inventory
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode vm = api.get("/api/v1/fleet/vms/" + vmId).body();
            assertThat(vm.get("powerState").asText()).isEqualTo("Running");
            assertThat(vm.get("fqdn").asText()).isEqualTo("web-1.guests.hyperplane.internal");
            assertThat(vm.get("osName").asText()).isEqualTo("Ubuntu");
            assertThat(vm.get("heartbeat").asText()).isEqualTo("Ok");
        });
        JsonNode operation = api.get(location.substring(location.indexOf("/api/"))).body();
        assertThat(operation.get("state").asText()).isEqualTo("Succeeded");
        JsonNode onHost = api.get("/api/v1/agent/hosts/" + api.get("/api/v1/vms/" + vmId).body().get("hostId").asText()).body();
        assertThat(onHost.get("vms").findValuesAsText("vmId")).contains(vmId);
    }

    @Test
    void windows_and_several_linux_distributions_run_and_report_their_os() {
        var guests = java.util.List.of(
                new String[]{"windows", "Windows Server", "2022", "Windows Server"},
                new String[]{"linux", "RHEL/CentOS", "7.6-7.9", "RHEL/CentOS"},
                new String[]{"linux", "Debian", "11 (Bullseye)", "Debian"},
                new String[]{"linux", "SUSE (SLES)", "SLES 15", "SUSE (SLES)"});
        java.util.Map<String, String> expectedOs = new java.util.HashMap<>();
        for (String[] g : guests) {
            Api.Reply reply = api.createVm("mixed", "g-" + expectedOs.size(), 1024, g[0], g[1], g[2]);
            assertThat(reply.status()).as(g[1]).isEqualTo(202);
            expectedOs.put(reply.body().get("vmId").asText(), g[3]);
        }
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> expectedOs.forEach((vmId, os) -> {
            JsonNode vm = api.get("/api/v1/fleet/vms/" + vmId).body();
            assertThat(vm.path("state").asText()).as(vmId).isEqualTo("Running");
            assertThat(vm.path("osName").asText()).as(vmId).isEqualTo(os);
            // the effective LIS capabilities, channel layout and memory as the host reports them
            assertThat(vm.path("lis").path("supportedFeatures")).extracting(JsonNode::asText).as(vmId).contains("CORE", "KVP");
            assertThat(vm.path("lis").path("integrationServices").has("HEARTBEAT")).as(vmId).isTrue();
            assertThat(vm.path("vmbus").path("channels").findValuesAsText("device")).as(vmId).contains("NETWORK", "SCSI");
            assertThat(vm.path("memory").path("assignedMb").asLong()).as(vmId).isEqualTo(1024);
        }));
        // the devstack's hosts run 2012 R2 to 2022: a "2016+" feature (runtime memory resize) is out of reach for
        // every guest on a 2012 R2 host; Windows Server 2022 runs only on 2019+ hosts (Microsoft's list), with every
        // integration service its host offers
        expectedOs.forEach((vmId, os) -> {
            JsonNode vm = api.get("/api/v1/fleet/vms/" + vmId).body();
            String hostVersion = api.get("/api/v1/hosts/" + vm.get("hostId").asText()).body()
                    .get("windowsServerVersion").asText();
            JsonNode lis = vm.get("lis");
            if (hostVersion.equals("2012 R2")) {
                assertThat(lis.get("unsupportedFeatures").has("RUNTIME_RESIZE")).as(os).isTrue();
            }
            if (os.equals("Windows Server")) {
                assertThat(hostVersion).isIn("2019", "2022");
                assertThat(lis.get("supportedFeatures")).extracting(JsonNode::asText)
                        .contains("DM_HOTADD", "KVP", "RUNTIME_RESIZE");
            }
        });
        Api.Reply noHotAdd = api.post("/api/v1/vms", """
                {"tenantId": "mixed", "name": "old-dm", "vcpus": 1, "memoryMb": 2048,
                 "guestOs": {"family": "linux", "distribution": "RHEL/CentOS", "version": "6.4"},
                 "dynamicMemory": {"minimumMb": 512, "maximumMb": 8192}}""");
        assertThat(noHotAdd.status()).isEqualTo(422);
        assertThat(noHotAdd.body().get("errors").get(0).get("reason").asText()).contains("DM_HOTADD");
        Api.Reply refused = api.post("/api/v1/vms", """
                {"tenantId": "mixed", "name": "old", "vcpus": 1, "memoryMb": 1024, "generation": 2,
                 "guestOs": {"family": "linux", "distribution": "RHEL/CentOS", "version": "5.9-5.11"}}""");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("errors").get(0).get("reason").asText()).contains("UEFI_BOOT");
    }

    @Test
    void the_guest_os_catalog_is_served_through_the_gateway() {
        Api.Reply catalog = api.get("/api/v1/guest-os?distribution=Ubuntu");
        assertThat(catalog.status()).isEqualTo(200);
        assertThat(catalog.body().findValuesAsText("version")).contains("20.04 LTS", "12.04 LTS");
    }

    @Test
    void bad_input_is_refused_with_a_problem_naming_the_field() {
        Api.Reply reply = api.post("/api/v1/vms", """
                {"tenantId": "acme", "name": "bad", "vcpus": 1, "memoryMb": -512,
                 "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}""");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(reply.body().get("errors").get(0).get("field").asText()).isEqualTo("memoryMb");

        Api.Reply unknownHost = api.get("/api/v1/hosts/no-such-host");
        assertThat(unknownHost.status()).isEqualTo(404);
        assertThat(unknownHost.body().get("detail").asText()).isEqualTo("host no-such-host does not exist");
    }
}
