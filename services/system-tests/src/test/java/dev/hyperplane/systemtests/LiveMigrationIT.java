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
 * Live migration on the devstack, through the migration service, provisioning (the destination reserved, the VM
 * recorded where it ends) and the agent (pass by pass under the policy): a VM moves with its passes visible, every
 * later command reaches its new host and every service agrees on the host; a VM that writes memory faster than
 * the link copies is ended by its policy, and stays on its host; a quick migration saves, moves and restores a VM;
 * migrations that want a host to themselves take turns; a VM's migration mode is honoured.
 */
class LiveMigrationIT {
    private static Api admin;
    private static Api tenant;

    @BeforeAll
    static void start() {
        var devstack = DevstackExtension.devstack();
        admin = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
        tenant = admin.as(devstack.tokens().tenant("tenant-admin", "movers"));
    }

    /** Live and quick migrations hand a VM over: at no instant did one run on two hosts. */
    @AfterAll
    static void noVmRanTwice() {
        NeverTwice.assertNoVmRanTwice(DevstackExtension.devstack());
    }

    @Test
    void a_manual_live_migration_shows_its_passes_and_every_later_command_reaches_the_new_host() {
        String vmId = tenant.running("movers", "mover-1", 2048);
        String source = admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText();
        long memoryBefore = tenant.get("/api/v1/tenants/movers/quota").body().get("usage").get("memoryMb").asLong();

        JsonNode migration = migrate(vmId, null, "completed");
        String destination = migration.get("destinationHostId").asText();
        assertThat(destination).isNotEqualTo(source);
        assertThat(migration.get("sourceHostId").asText()).isEqualTo(source);
        assertThat(migration.get("passCount").asInt()).isPositive();
        assertThat(migration.get("passes")).isNotEmpty();
        assertThat(migration.get("passes").get(0).get("sentMb").asLong()).isGreaterThanOrEqualTo(2048);
        assertThat(migration.get("passes").get(0).get("allowedDowntimeMs").asLong()).isEqualTo(100);
        assertThat(migration.get("passes").get(0).get("durationMs").asLong()).isPositive();
        assertThat(migration.get("downtimeMs").asLong()).isBetween(1L, 500L);

        awaitEveryServiceSees(vmId, destination, source);
        JsonNode history = tenant.get("/api/v1/vms/" + vmId + "/events?limit=500").body();
        assertThat(history.findValuesAsText("type")).contains("dev.hyperplane.vm.move-started.v1",
                "dev.hyperplane.vm.moved.v1");

        // stop, resize and start reach the new host (the old one would refuse: it has no such VM)
        tenant.awaitOperation(tenant.post("/api/v1/vms/" + vmId + "/stop?force=true", ""), "Succeeded");
        tenant.awaitOperation(tenant.post("/api/v1/vms/" + vmId + "/resize", """
                {"vcpus": 2, "memoryMb": 2048}"""), "Succeeded");
        tenant.awaitOperation(tenant.post("/api/v1/vms/" + vmId + "/start", ""), "Succeeded");
        assertThat(tenant.get("/api/v1/tenants/movers/quota").body().get("usage").get("memoryMb").asLong())
                .as("a move changes no quota").isEqualTo(memoryBefore);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(vmsOn(destination))
                .as("running on its new host with 2 vCPUs").contains(vmId));
        tenant.awaitOperation(tenant.delete("/api/v1/vms/" + vmId), "Succeeded");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(vmsOn(destination)).doesNotContain(vmId);
            assertThat(vmsOn(source)).doesNotContain(vmId);
        });
        assertThat(tenant.get("/api/v1/tenants/movers/quota").body().get("usage").get("memoryMb").asLong())
                .isEqualTo(memoryBefore - 2048);
    }

    @Test
    void a_vm_dirtying_memory_faster_than_the_link_copies_is_ended_by_its_policy_and_stays() {
        String vmId = tenant.running("movers", "busy-1", 4096);
        String source = admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText();
        assertThat(admin.post("/api/v1/agent/hosts/" + source + "/vms/" + vmId + "/workload", """
                {"profile": "database", "dirtyMbPerSec": 50000}""").status()).isEqualTo(202);

        JsonNode migration = migrate(vmId, null, "failed");
        assertThat(migration.get("failureReason").asText()).contains("did not converge");
        // every pass leaves all 4096 MB dirty: from the third on, not shrinking over the stall window of 2 skips a
        // step at once, so the ladder (100 ... 500 ms) is used up after 4 passes, not 6
        assertThat(migration.get("passCount").asInt()).isEqualTo(4);
        List<Long> allowed = new ArrayList<>();
        migration.get("passes").forEach(p -> allowed.add(p.get("allowedDowntimeMs").asLong()));
        assertThat(allowed).isSorted().startsWith(100L).endsWith(500L);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(admin.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Running");
            assertThat(admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText()).isEqualTo(source);
        });
        awaitEveryServiceSees(vmId, source, null);
        // it moves once it is quiet again
        assertThat(admin.post("/api/v1/agent/hosts/" + source + "/vms/" + vmId + "/workload", """
                {"profile": "idle"}""").status()).isEqualTo(202);
        String destination = migrate(vmId, null, "completed").get("destinationHostId").asText();
        awaitEveryServiceSees(vmId, destination, source);
        tenant.awaitOperation(tenant.delete("/api/v1/vms/" + vmId), "Succeeded");
    }

    @Test
    void a_quick_migration_saves_moves_and_restores_the_vm_with_its_downtime_measured() {
        String vmId = tenant.running("movers", "quick-1", 2048);
        String source = admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText();
        Api.Reply started = admin.post("/api/v1/migrations", "{\"vmId\": \"" + vmId + "\", \"mode\": \"quick\"}");
        assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(202);
        String path = "/api/v1/migrations/" + started.body().get("migrationId").asText();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(admin.get(path).body().get("state").asText()).isEqualTo("completed"));
        JsonNode migration = admin.get(path).body();
        assertThat(migration.get("mode").asText()).isEqualTo("quick");
        assertThat(migration.get("passCount").asInt()).isZero();
        assertThat(migration.get("downtimeMs").asLong()).as("the save and the restore").isGreaterThanOrEqualTo(4000);
        String destination = migration.get("destinationHostId").asText();
        awaitEveryServiceSees(vmId, destination, source);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(admin.get("/api/v1/fleet/vms/" + vmId)
                .body().get("powerState").asText()).isEqualTo("Running"));
        tenant.awaitOperation(tenant.post("/api/v1/vms/" + vmId + "/restart", ""), "Succeeded");
        tenant.awaitOperation(tenant.delete("/api/v1/vms/" + vmId), "Succeeded");
    }

    @Test
    void migrations_to_one_host_take_turns_as_their_policy_asks_and_all_complete() {
        String anchor = tenant.running("movers", "turns-0", 1024);
        String host = admin.get("/api/v1/vms/" + anchor).body().get("hostId").asText();
        List<String> movers = new ArrayList<>();
        for (int i = 1; movers.size() < 3 && i <= 8; i++) {
            String vmId = tenant.running("movers", "turns-" + i, 1024);
            if (!admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText().equals(host)) {
                movers.add(vmId);
            }
        }
        assertThat(movers).hasSize(3);
        // suspend-workload-if-needed wants each host of its migration to itself: the three take turns on `host`
        List<String> paths = new ArrayList<>();
        for (String vmId : movers) {
            Api.Reply started = admin.post("/api/v1/migrations", """
                    {"vmId": "%s", "targetHostId": "%s", "policy": "suspend-workload-if-needed"}"""
                    .formatted(vmId, host));
            assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(202);
            assertThat(started.body().get("state").asText()).isEqualTo("queued");
            paths.add("/api/v1/migrations/" + started.body().get("migrationId").asText());
        }
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> assertThat(paths).allSatisfy(path ->
                assertThat(admin.get(path).body().get("state").asText()).isEqualTo("completed")));
        List<JsonNode> ran = new ArrayList<>(paths.stream().map(path -> admin.get(path).body()).toList());
        ran.sort(java.util.Comparator.comparing(m -> java.time.Instant.parse(m.get("startedAt").asText())));
        for (int i = 1; i < ran.size(); i++) {
            java.time.Instant started = java.time.Instant.parse(ran.get(i).get("startedAt").asText());
            java.time.Instant previousEnded = java.time.Instant.parse(ran.get(i - 1).get("updatedAt").asText());
            assertThat(started).as("migration %d started after %d ended", i, i - 1)
                    .isAfterOrEqualTo(previousEnded);
        }
        for (String vmId : movers) {
            awaitEveryServiceSees(vmId, host, null);
            tenant.awaitOperation(tenant.delete("/api/v1/vms/" + vmId), "Succeeded");
        }
        tenant.awaitOperation(tenant.delete("/api/v1/vms/" + anchor), "Succeeded");
    }

    @Test
    void a_vm_moves_only_as_its_migration_mode_allows() {
        String vmId = tenant.running("movers", "pinned-1", 1024);
        String source = admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText();
        assertThat(tenant.put("/api/v1/vms/" + vmId + "/migration-mode", "{\"migrationMode\": \"none\"}").body()
                .get("migrationMode").asText()).isEqualTo("none");
        awaitRefused("{\"vmId\": \"" + vmId + "\"}", "VM " + vmId + " has migration mode none: it is never moved");

        // quick only: a migration asked for without a mode is a quick one, measured like any
        tenant.put("/api/v1/vms/" + vmId + "/migration-mode", "{\"migrationMode\": \"quick\"}");
        awaitRefused("{\"vmId\": \"" + vmId + "\", \"mode\": \"live\"}",
                "VM " + vmId + " has migration mode quick: it moves only by quick migration");
        JsonNode migration = migrate(vmId, null, "completed");
        assertThat(migration.get("mode").asText()).isEqualTo("quick");
        assertThat(migration.get("downtimeMs").asLong()).isGreaterThanOrEqualTo(4000);
        awaitEveryServiceSees(vmId, migration.get("destinationHostId").asText(), source);
        tenant.awaitOperation(tenant.delete("/api/v1/vms/" + vmId), "Succeeded");
    }

    /**
     * Waits until the migration service refuses {@code request} at once with {@code detail}. Until it has read the
     * VM's new mode it may accept the request; provisioning, which holds the mode, then refuses the reservation with
     * the same reason, and the migration fails without moving the VM.
     */
    private static void awaitRefused(String request, String detail) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Reply reply = admin.post("/api/v1/migrations", request);
            if (reply.status() == 202) {
                String path = "/api/v1/migrations/" + reply.body().get("migrationId").asText();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode accepted = admin.get(path).body();
                    assertThat(accepted.get("state").asText()).as(accepted.toString()).isEqualTo("failed");
                    assertThat(accepted.get("failureReason").asText()).contains(detail);
                });
            }
            assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(409);
            assertThat(reply.body().get("detail").asText()).isEqualTo(detail);
        });
    }

    /** Starts a migration and waits for it to end in {@code state}; @return the migration with its passes */
    private static JsonNode migrate(String vmId, String target, String state) {
        Api.Reply started = admin.post("/api/v1/migrations", target == null ? "{\"vmId\": \"" + vmId + "\"}"
                : "{\"vmId\": \"" + vmId + "\", \"targetHostId\": \"" + target + "\"}");
        assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(202);
        String location = started.raw().headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/api/v1/"));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            JsonNode body = admin.get(path).body();
            assertThat(body.get("state").asText()).as(body.toString()).isEqualTo(state);
        });
        return admin.get(path).body();
    }

    /** Provisioning, inventory, the memory balancer and the agent all put the VM on {@code host}, none elsewhere. */
    private static void awaitEveryServiceSees(String vmId, String host, String notOn) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText()).isEqualTo(host);
            assertThat(admin.get("/api/v1/fleet/vms/" + vmId).body().get("hostId").asText()).isEqualTo(host);
            assertThat(vmsOn(host)).contains(vmId);
            assertThat(memoryVmsOn(host)).contains(vmId);
            if (notOn != null) {
                assertThat(vmsOn(notOn)).doesNotContain(vmId);
                assertThat(memoryVmsOn(notOn)).doesNotContain(vmId);
            }
        });
    }

    /** The VMs the agent's host runs, as the engine sees them. */
    private static List<String> vmsOn(String hostId) {
        return admin.get("/api/v1/agent/hosts/" + hostId).body().get("vms").findValuesAsText("vmId");
    }

    private static List<String> memoryVmsOn(String hostId) {
        return admin.get("/api/v1/memory/hosts/" + hostId).body().get("vms").findValuesAsText("vmId");
    }
}
