package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hyperplane.devstack.SupervisedProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of the hypervisor agent: inventory marks its hosts unreachable and provisioning their VMs Unknown (never
 * Lost); after the restart the engine is rebuilt from its replay log, so every VM is back exactly once, still
 * running, its hosts' reports make the VMs Running again, and the simulated clocks go on.
 */
class AgentRestartIT {

    @Test
    void a_killed_agent_comes_back_with_every_vm_once_and_its_clock_running_on() throws InterruptedException {
        var devstack = DevstackExtension.devstack();
        Api api = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/hosts").body().get("items").size() == 4);

        List<String> vmIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            vmIds.add(api.createVm("restart", "r-" + i, 1024).body().get("vmId").asText());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> vmIds.forEach(id ->
                assertThat(api.get("/api/v1/vms/" + id).body().get("state").asText()).isEqualTo("Running")));
        Map<String, Long> clockBefore = clocks(api);

        SupervisedProcess agent = devstack.service("hypervisor-agent");
        agent.killAndKeepDown();
        // its heartbeats stop with it: its hosts are Unknown (they may run on), not failed
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.get("/api/v1/hosts").body().get("items").findValuesAsText("state"))
                        .containsOnly("Unknown"));

        // a silent agent is no evidence either way: its VMs are Unknown, and stay so, never Lost
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> vmIds.forEach(id ->
                assertThat(api.get("/api/v1/vms/" + id).body().get("state").asText()).isEqualTo("Unknown")));
        Thread.sleep(12_000); // longer than the devstack's reconcile grace
        vmIds.forEach(id -> assertThat(api.get("/api/v1/vms/" + id).body().get("state").asText()).isEqualTo("Unknown"));
        vmIds.forEach(id -> assertThat(api.get("/api/v1/fleet/vms/" + id).body().get("state").asText())
                .isEqualTo("Unknown"));

        agent.start();
        agent.awaitReady(Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.get("/api/v1/hosts").body().get("items").findValuesAsText("state"))
                        .containsOnly("Ready"));
        // the hosts' first reports after the grace period find every VM running again
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> vmIds.forEach(id ->
                assertThat(api.get("/api/v1/vms/" + id).body().get("state").asText()).isEqualTo("Running")));

        Map<String, Integer> copies = new HashMap<>();
        for (JsonNode host : api.get("/api/v1/agent/hosts?limit=500").body().get("items")) {
            host.get("vms").forEach(vm -> {
                copies.merge(vm.get("vmId").asText(), 1, Integer::sum);
                if (vmIds.contains(vm.get("vmId").asText())) {
                    assertThat(vm.get("state").asText()).isEqualTo("RUNNING");
                }
            });
        }
        assertThat(copies).containsKeys(vmIds.toArray(String[]::new));
        assertThat(copies.values()).allMatch(n -> n == 1);
        clocks(api).forEach((host, simTime) -> assertThat(simTime).as(host).isGreaterThanOrEqualTo(clockBefore.get(host)));
    }

    private static Map<String, Long> clocks(Api api) {
        Map<String, Long> clocks = new HashMap<>();
        api.get("/api/v1/agent/hosts?limit=500").body().get("items").forEach(h -> clocks.put(h.get("host").get("hostId").asText(),
                h.get("simTimeMs").asLong()));
        return clocks;
    }
}
