package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hyperplane.devstack.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of provisioning in the middle of 50 creations: every accepted VM still ends Running or Failed with a
 * reason once it is back, and no VM exists twice on the hosts.
 */
class ProvisioningCrashIT {

    @Test
    void every_accepted_vm_reaches_a_terminal_state_after_a_crash() {
        var devstack = DevstackExtension.devstack();
        Api api = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
        // requests cut off by the kill may commit unseen and then be retried: room beyond the default 50 VMs
        assertThat(api.put("/api/v1/tenants/crash/quota", "{\"vcpus\": 1000, \"memoryMb\": 1000000, \"vms\": 1000}")
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/hosts").body().get("items").size() == 4);
        ServiceProcess provisioning = devstack.service("provisioning");

        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        ExecutorService panels = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 50; i++) {
            String name = "vm-" + i;
            panels.submit(() -> {
                try {
                    Api.Reply reply = api.createVm("crash", name, 512);
                    if (reply.status() == 202) {
                        accepted.add(reply.body().get("vmId").asText());
                        return;
                    }
                } catch (IllegalStateException e) {
                    // connection reset by the kill, or refused while provisioning is down
                }
                refused.incrementAndGet();
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= 20);
        provisioning.kill(); // with requests in flight
        panels.shutdown();
        await().atMost(Duration.ofSeconds(120)).until(panels::isTerminated);
        provisioning.start();
        provisioning.awaitReady(Duration.ofSeconds(120));
        for (int i = 0; i < refused.get(); i++) { // the panel retries what was refused
            accepted.add(api.createVm("crash", "retry-" + i, 512).body().get("vmId").asText());
        }

        assertThat(accepted).hasSize(50);
        assertThat(refused.get()).isGreaterThanOrEqualTo(1);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String vmId : accepted) {
                JsonNode vm = api.get("/api/v1/vms/" + vmId).body();
                assertThat(vm.get("state").asText()).as(vmId).isIn("Running", "Failed");
                if (vm.get("state").asText().equals("Failed")) {
                    assertThat(vm.get("failureReason").asText()).isNotBlank();
                }
            }
        });

        // a request cut off by the kill may have committed without its client knowing: it must end too
        JsonNode all = api.get("/api/v1/vms?tenant=crash&limit=500").body().get("items");
        all.forEach(vm -> assertThat(vm.get("state").asText()).as(vm.get("vmId").asText()).isIn("Running", "Failed"));
        Map<String, Long> outcomes = new HashMap<>();
        accepted.forEach(vmId -> outcomes.merge(api.get("/api/v1/vms/" + vmId).body().get("state").asText(), 1L, Long::sum));
        System.out.printf("crash test: %d accepted (%d retried after the restart), %d VMs in all, outcomes %s%n",
                accepted.size(), refused.get(), all.size(), outcomes);

        Map<String, Integer> placements = new HashMap<>();
        for (JsonNode host : api.get("/api/v1/agent/hosts?limit=500").body().get("items")) {
            host.get("vms").forEach(vm -> placements.merge(vm.get("vmId").asText(), 1, Integer::sum));
        }
        assertThat(placements.values()).allMatch(count -> count == 1);
        for (String vmId : accepted) {
            JsonNode vm = api.get("/api/v1/vms/" + vmId).body();
            boolean running = vm.get("state").asText().equals("Running");
            assertThat(placements.containsKey(vmId)).as("%s on a host", vmId).isEqualTo(running);
        }
    }
}
