package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hyperplane.devstack.Devstack;
import dev.hyperplane.devstack.SupervisedProcess;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replay: every consumer group of every service rewound to the start of its topics (the service stopped, its
 * offsets reset, the service started again) reads its whole history a second time, and no read model changes:
 * the consumers are idempotent, not just deduplicating the last few records.
 */
class ReplayIT {
    private static final String TENANT = "replay";

    @Test
    void rewinding_every_consumer_group_to_offset_zero_changes_no_read_model() throws Exception {
        Devstack devstack = DevstackExtension.devstack();
        Api admin = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
        List<String> vmIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Api.Reply created = admin.createVm(TENANT, "replay-" + i, 512 + 256L * i);
            assertThat(created.status()).isEqualTo(202);
            vmIds.add(created.body().get("vmId").asText());
        }
        vmIds.forEach(vmId -> await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Running")));
        admin.awaitOperation(admin.post("/api/v1/vms/" + vmIds.get(1) + "/stop?force=true", ""), "Succeeded");
        admin.awaitOperation(admin.delete("/api/v1/vms/" + vmIds.get(2)), "Succeeded");

        // the history is read: two snapshots a few seconds apart agree
        Map<String, Object> before = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(5))
                .until(() -> stable(admin), snapshot -> snapshot != null);
        assertThat(before.toString()).contains("Running", "Stopped", "Deleted");

        try (ConsumerGroups groups = new ConsumerGroups(devstack.kafkaBootstrapServers())) {
            // the services at once: every replica down (a consumer group's offsets can only be rewound while it has
            // no member), every group rewound, every replica started again
            List<SupervisedProcess> replicas = new ArrayList<>();
            Map<String, List<String>> rewound = new TreeMap<>();
            for (String service : List.of("provisioning", "inventory", "memory-balancer", "hypervisor-agent")) {
                Map<String, List<String>> serviceGroups = groups.of(service);
                assertThat(serviceGroups).as(service).isNotEmpty();
                rewound.putAll(serviceGroups);
                replicas.addAll(devstack.replicas(service));
            }
            replicas.forEach(SupervisedProcess::killAndKeepDown);
            Map<String, Map<TopicPartition, Long>> ends = new TreeMap<>();
            for (var group : rewound.entrySet()) {
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .untilAsserted(() -> groups.rewind(group.getKey(), group.getValue()));
                ends.put(group.getKey(), groups.offsets(group.getValue(), OffsetSpec.latest()));
            }
            replicas.forEach(SupervisedProcess::start);
            replicas.forEach(replica -> replica.awaitReady(Duration.ofSeconds(180)));
            for (var group : ends.entrySet()) { // each has read everything again
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() ->
                        groups.lag(group.getKey(), group.getValue()) == 0);
            }
        }

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(readModels(admin)).isEqualTo(before));
    }

    /** The read models, or null while they still change. */
    private static Map<String, Object> stable(Api admin) throws InterruptedException {
        Map<String, Object> first = readModels(admin);
        Thread.sleep(3_000);
        return first.equals(readModels(admin)) ? first : null;
    }

    /**
     * What each service's read models say about the hosts and this test's VMs, without what changes by itself
     * (samples, heartbeats, times).
     */
    private static Map<String, Object> readModels(Api admin) {
        Map<String, Object> models = new TreeMap<>();
        for (JsonNode vm : admin.get("/api/v1/vms?tenant=" + TENANT + "&limit=500").body().get("items")) {
            models.put("provisioning vm " + vm.get("vmId").asText(),
                    List.of(vm.get("state").asText(), vm.path("hostId").asText(), vm.get("memoryMb").asLong()));
        }
        for (JsonNode vm : admin.get("/api/v1/fleet/vms?limit=500").body().get("items")) {
            if (TENANT.equals(vm.path("tenantId").asText())) {
                models.put("inventory vm " + vm.get("vmId").asText(), List.of(vm.get("state").asText(),
                        vm.path("hostId").asText(), vm.path("name").asText(), vm.path("memoryMb").asLong()));
            }
        }
        for (JsonNode host : admin.get("/api/v1/hosts?limit=500").body().get("items")) {
            models.put("inventory host " + host.get("hostId").asText(), List.of(host.path("state").asText(),
                    host.path("windowsServerVersion").asText(), host.path("memoryMb").asLong(),
                    host.path("inMaintenance").asBoolean()));
        }
        for (JsonNode host : admin.get("/api/v1/memory/hosts?limit=500").body().get("items")) {
            models.put("memory host " + host.get("hostId").asText(),
                    List.of(host.get("memoryMb").asLong(), host.get("capacityMb").asLong()));
            for (JsonNode vm : host.get("vms")) {
                if (TENANT.equals(vm.path("tenantId").asText())) {
                    models.put("memory vm " + vm.get("vmId").asText(), List.of(host.get("hostId").asText(),
                            vm.get("startupMb").asLong(), vm.get("minimumMb").asLong(), vm.get("maximumMb").asLong(),
                            vm.get("dynamic").asBoolean()));
                }
            }
        }
        return models;
    }
}
