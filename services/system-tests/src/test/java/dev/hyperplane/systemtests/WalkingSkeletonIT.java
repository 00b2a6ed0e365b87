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
        api = new Api(DevstackExtension.devstack().baseUrl());
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
