package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dynamic memory across the fleet on the devstack: two VMs that share a host turn into memory hogs (simulation
 * control on the agent), the host gets hot, and the memory balancer publishes a rebalance decision within two loop
 * periods of the hold time, on its API and on hyperplane.memory.events; the migration service executes it (or the
 * balancer decides again when it fails) until a move completes and the host cools.
 */
class MemoryRebalanceIT {
    /** The memory balancer's defaults (application.properties): the devstack runs them unchanged. */
    private static final Duration LOOP_PERIOD = Duration.ofSeconds(15);
    private static final Duration HOT_HOLD = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Api admin;
    private static String kafkaBootstrap;
    private static final List<String> created = new ArrayList<>();

    @BeforeAll
    static void start() {
        var devstack = DevstackExtension.devstack();
        admin = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
        kafkaBootstrap = devstack.kafkaBootstrapServers();
    }

    @AfterAll
    static void deleteTheHogs() {
        created.forEach(vmId -> admin.delete("/api/v1/vms/" + vmId));
    }

    @Test
    void a_host_made_hot_by_memory_hogs_gets_a_rebalance_decision_within_two_loop_periods_executed_until_it_cools() {
        Map<String, List<String>> vmsByHost = vmsOnHosts();
        var shared = vmsByHost.entrySet().stream().filter(e -> e.getValue().size() >= 2).findFirst().orElseThrow();
        String hostId = shared.getKey();
        List<String> hogs = shared.getValue().subList(0, 2);
        // placement may have put a third of these VMs there (hosts fuller with other tests' VMs): turned off, it is
        // not a candidate for the move, so the balancer's choice is between the two hogs
        for (String other : shared.getValue().subList(2, shared.getValue().size())) {
            admin.awaitOperation(admin.post("/api/v1/vms/" + other + "/stop?force=true", ""), "Succeeded");
        }

        // room to grow, approved by provisioning: raising a VM's maximum is a resize, which the tenant's quota counts
        assertThat(admin.put("/api/v1/tenants/memhog/quota", """
                {"vcpus": 64, "memoryMb": 1048576, "vms": 50}""").status()).isEqualTo(200);
        for (String vmId : hogs) {
            Api.Reply resize = admin.post("/api/v1/vms/" + vmId + "/resize", """
                    {"vcpus": 1, "memoryMb": 2048, "dynamicMemory": {"minimumMb": 1024, "maximumMb": 196608}}""");
            assertThat(resize.status()).as(resize.raw().body()).isEqualTo(202);
            String operation = "/api/v1/operations/" + resize.body().get("operationId").asText();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(admin.get(operation).body().path("state").asText()).isEqualTo("Succeeded"));
        }
        // once the balancer has heard of the resize (vm.events, which may come after the host's own report of the
        // new settings), a policy within it is accepted; one above it is a resize's business
        for (String vmId : hogs) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(admin.put(
                    "/api/v1/memory/policies/vms/" + vmId, """
                    {"dynamic": true, "minimumMb": 1024, "maximumMb": 196608, "priority": 50}""").status())
                    .isEqualTo(200));
            assertThat(admin.put("/api/v1/memory/policies/vms/" + vmId, """
                    {"dynamic": true, "minimumMb": 1024, "maximumMb": 262144, "priority": 50}""").status())
                    .isEqualTo(422);
        }

        long capacity = admin.get("/api/v1/memory/hosts/" + hostId).body().get("capacityMb").asLong();
        long demand = capacity * 55 / 100; // two of them: 110 % of what the host can give its VMs
        for (String vmId : hogs) {
            assertThat(admin.post("/api/v1/agent/hosts/" + hostId + "/vms/" + vmId + "/workload", """
                    {"profile": "memory-hog", "demandMb": %d}""".formatted(demand)).status()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/memory/hosts/" + hostId).body().path("pressure").asInt())
                        .isGreaterThanOrEqualTo(90));
        Instant warm = Instant.now();

        Duration deadline = HOT_HOLD.plus(LOOP_PERIOD.multipliedBy(2));
        await().atMost(deadline.plusSeconds(5)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/memory/rebalances?host=" + hostId).body().path("items")).isNotEmpty());
        JsonNode decided = admin.get("/api/v1/memory/rebalances?host=" + hostId).body().path("items").get(0);
        JsonNode decision = decided.get("decision");
        assertThat(decision.get("fromHostId").asText()).isEqualTo(hostId);
        assertThat(decision.get("toHostId").asText()).isNotEqualTo(hostId);
        assertThat(hogs).contains(decision.get("vmId").asText());
        assertThat(decision.get("reason").asText()).contains(hostId + " at ");
        assertThat(Duration.between(warm, Instant.parse(decided.get("decidedAt").asText())))
                .as("hot for the hold time, then decided within two loop periods").isLessThanOrEqualTo(deadline);
        assertThat(admin.get("/api/v1/memory/hosts/" + hostId).body().get("hot").asBoolean()).isTrue();

        // the migration service executes it (cause rebalance) and the balancer learns the outcome; a decision that
        // fails frees the host's cooldown and the next round decides again, until a move completes and it cools
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode items = admin.get("/api/v1/memory/rebalances?host=" + hostId).body().path("items");
            assertThat(items.findValuesAsText("state")).as(items.toString()).contains("completed");
        });
        JsonNode executed = null;
        for (JsonNode item : admin.get("/api/v1/memory/rebalances?host=" + hostId).body().path("items")) {
            if ("completed".equals(item.path("outcome").path("state").asText())) {
                executed = item;
            }
        }
        String moved = executed.get("decision").get("vmId").asText();
        JsonNode migration = admin.get("/api/v1/migrations/" + executed.get("outcome").get("migrationId").asText())
                .body();
        assertThat(migration.get("cause").asText()).isEqualTo("rebalance");
        assertThat(migration.get("state").asText()).isEqualTo("completed");
        assertThat(migration.get("sourceHostId").asText()).isEqualTo(hostId);
        String destination = migration.get("destinationHostId").asText();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(admin.get("/api/v1/vms/" + moved).body().get("hostId").asText()).isEqualTo(destination);
            assertThat(admin.get("/api/v1/memory/hosts/" + destination).body().get("vms").findValuesAsText("vmId"))
                    .contains(moved);
        });
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/memory/hosts/" + hostId).body().get("hot").asBoolean())
                        .as("cooled once the move took effect").isFalse());

        try (var kafka = new KafkaTestClient(kafkaBootstrap)) {
            String decisionId = decision.get("decisionId").asText();
            var records = kafka.readUntil("hyperplane.memory.events", Duration.ofSeconds(30), seen -> seen.stream()
                    .anyMatch(r -> decisionId.equals(field(r.value(), "decisionId"))));
            assertThat(records).anyMatch(r -> decisionId.equals(field(r.value(), "decisionId"))
                    && "dev.hyperplane.memory.rebalance-requested.v1".equals(
                    new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)));
        }
    }

    /** One more VM than there are hosts, so that two of them share a host whatever placement does. */
    private static Map<String, List<String>> vmsOnHosts() {
        int hosts = DevstackExtension.hosts();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/memory/hosts?limit=500").body().get("items")).hasSize(hosts));
        List<String> operations = new ArrayList<>();
        for (int i = 0; i <= hosts; i++) {
            Api.Reply reply = admin.post("/api/v1/vms", """
                    {"tenantId": "memhog", "name": "hog-%d", "vcpus": 1, "memoryMb": 2048,
                     "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"},
                     "dynamicMemory": {"minimumMb": 1024, "maximumMb": 4096}}""".formatted(i));
            assertThat(reply.status()).isEqualTo(202);
            created.add(reply.body().get("vmId").asText());
            operations.add("/api/v1/operations/" + reply.body().get("operationId").asText());
        }
        for (String operation : operations) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(admin.get(operation).body().path("state").asText()).isEqualTo("Succeeded"));
        }
        Map<String, List<String>> byHost = new LinkedHashMap<>();
        for (String vmId : created) {
            String host = admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText();
            byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(vmId);
        }
        return byHost;
    }

    private static String field(byte[] json, String name) {
        try {
            return JSON.readTree(json).path(name).asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
