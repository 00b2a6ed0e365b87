package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hyperplane.devstack.Devstack;
import dev.hyperplane.devstack.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's test of issue 13: 1,000 VM creations from 16 panel clients that retry with the same
 * {@code Idempotency-Key} on a 5xx or a dropped connection, while provisioning, the agent, inventory, the memory
 * balancer and provisioning again are killed with {@code kill -9} and started a few seconds later. Afterwards
 * nothing is lost, duplicated, orphaned or stuck, and provisioning, inventory and the agent agree on every VM.
 */
class CrashEveryServiceIT {
    private static final int CREATIONS = Integer.getInteger("crash.creations", 1_000);
    private static final String TENANT = "crash";
    private static final Set<String> SETTLED = Set.of("Running", "Stopped", "Failed", "Deleted", "Lost");
    /** Which service dies after how many accepted creations. */
    private static final List<Map.Entry<Integer, String>> KILLS = List.of(
            Map.entry(CREATIONS * 15 / 100, "provisioning"),
            Map.entry(CREATIONS * 30 / 100, "hypervisor-agent"),
            Map.entry(CREATIONS * 45 / 100, "inventory"),
            Map.entry(CREATIONS * 60 / 100, "memory-balancer"),
            Map.entry(CREATIONS * 75 / 100, "provisioning"));

    @Test
    void after_kill_9_of_every_service_nothing_is_lost_duplicated_orphaned_or_stuck() throws Exception {
        Devstack devstack = DevstackExtension.devstack();
        Api api = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
        assertThat(api.put("/api/v1/tenants/" + TENANT + "/quota",
                "{\"vcpus\": 100000, \"memoryMb\": 100000000, \"vms\": 100000}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/hosts").body().get("items").size()
                == DevstackExtension.hosts());

        Map<String, String> vmByKey = new ConcurrentHashMap<>();
        AtomicInteger retries = new AtomicInteger();
        List<String> refusals = new ArrayList<>();
        ExecutorService panels = Executors.newFixedThreadPool(16);
        for (int i = 0; i < CREATIONS; i++) {
            String key = "crash-key-" + i;
            String name = "crash-" + i;
            panels.submit(() -> create(api, key, name, vmByKey, retries, refusals));
        }
        for (Map.Entry<Integer, String> kill : KILLS) {
            await().atMost(Duration.ofMinutes(5)).until(() -> vmByKey.size() >= kill.getKey());
            ServiceProcess service = devstack.service(kill.getValue());
            service.kill();
            Thread.sleep(3_000);
            service.start();
            service.awaitReady(Duration.ofSeconds(180));
        }
        panels.shutdown();
        assertThat(panels.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        assertThat(refusals).as("answers other than 202, 5xx or a dropped connection").isEmpty();
        assertThat(vmByKey).hasSize(CREATIONS);

        // every VM settles: nothing in a transitional state outlives its deadline
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(unsettled(api)).as("VMs in a transitional state").isEmpty());
        // and the three views converge (the reconciler tears down late starts, inventory follows)
        Map<String, Long> table = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5))
                .until(() -> tally(api, vmByKey), t -> t.get("lost") + t.get("duplicated") + t.get("orphaned")
                        + t.get("stuck") + t.get("disagreeing") == 0);
        System.out.printf("%nkill -9 of every service during %d creations (%d client retries):%n", CREATIONS,
                retries.get());
        table.forEach((row, count) -> System.out.printf("  %-28s %6d%n", row, count));
        Map<String, Long> reasons = new java.util.TreeMap<>();
        vms(api).stream().filter(vm -> vm.get("state").asText().equals("Failed")).forEach(vm -> reasons.merge(
                vm.path("failureReason").asText("").replaceAll("[0-9a-f-]{36}|host-?[0-9]+|agent-\\S+", "…"), 1L,
                Long::sum));
        reasons.forEach((reason, count) -> System.out.printf("  failed: %5d × %s%n", count, reason));
        assertThat(table.get("running") + table.get("failed, on no host")).isEqualTo(CREATIONS);
    }

    /** The devstack is shared: later tests get the hosts back empty, whether this test passed or not. */
    @AfterEach
    void deleteRunningVms() throws InterruptedException {
        Devstack devstack = DevstackExtension.devstack();
        deleteRunning(new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin()));
    }

    /** Deletes the tenant's running VMs, 16 at a time, and waits until none is left on a host. */
    private static void deleteRunning(Api api) throws InterruptedException {
        List<String> running = vms(api).stream().filter(vm -> vm.get("state").asText().equals("Running"))
                .map(vm -> vm.get("vmId").asText()).toList();
        ExecutorService deleters = Executors.newFixedThreadPool(16);
        running.forEach(vmId -> deleters.submit(() -> api.delete("/api/v1/vms/" + vmId)));
        deleters.shutdown();
        assertThat(deleters.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(vms(api)).noneMatch(vm -> vm.get("state").asText().equals("Running")
                        || vm.get("state").asText().equals("Deleting")));
    }

    /** One panel request, retried with the same key until it is accepted. */
    private static void create(Api api, String key, String name, Map<String, String> vmByKey, AtomicInteger retries,
                               List<String> refusals) {
        String body = """
                {"tenantId": "%s", "name": "%s", "vcpus": 1, "memoryMb": 256,
                 "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}""".formatted(TENANT, name);
        while (true) {
            try {
                Api.Reply reply = api.post("/api/v1/vms", body, key);
                if (reply.status() == 202) {
                    vmByKey.put(key, reply.body().get("vmId").asText());
                    return;
                }
                if (reply.status() < 500) {
                    synchronized (refusals) {
                        refusals.add(key + ": " + reply.status() + " " + reply.body());
                    }
                    return;
                }
            } catch (RuntimeException e) {
                // the connection dropped with the process
            }
            retries.incrementAndGet();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<String> unsettled(Api api) {
        List<String> stuck = new ArrayList<>();
        for (JsonNode vm : vms(api)) {
            if (!SETTLED.contains(vm.get("state").asText())) {
                stuck.add(vm.get("vmId").asText() + " " + vm.get("state").asText());
            }
        }
        return stuck;
    }

    /** The counts of the table, from what provisioning, inventory and the agent each say now. */
    private static Map<String, Long> tally(Api api, Map<String, String> vmByKey) {
        Map<String, JsonNode> provisioning = new HashMap<>();
        vms(api).forEach(vm -> provisioning.put(vm.get("vmId").asText(), vm));
        Map<String, JsonNode> inventory = new HashMap<>();
        pages(api, "/api/v1/fleet/vms").forEach(vm -> inventory.put(vm.get("vmId").asText(), vm));
        Map<String, List<String>> hostsOf = new HashMap<>(); // VM -> the hosts that run it (agent)
        Map<String, String> hostState = new HashMap<>();
        for (JsonNode host : pages(api, "/api/v1/agent/hosts")) {
            String hostId = host.at("/host/hostId").asText();
            for (JsonNode vm : host.get("vms")) {
                hostsOf.computeIfAbsent(vm.get("vmId").asText(), v -> new ArrayList<>()).add(hostId);
                hostState.put(vm.get("vmId").asText(), vm.get("state").asText());
            }
        }

        Map<String, Long> table = new LinkedHashMap<>();
        table.put("accepted (one per key)", (long) vmByKey.size());
        table.put("distinct VMs accepted", vmByKey.values().stream().distinct().count());
        table.put("VMs of the tenant", (long) provisioning.size());
        long running = 0, failed = 0, lost = 0, stuck = 0, disagreeing = 0;
        for (String vmId : vmByKey.values()) {
            JsonNode vm = provisioning.get(vmId);
            String state = vm == null ? "missing" : vm.get("state").asText();
            String host = vm == null ? null : vm.path("hostId").asText(null);
            List<String> onHosts = hostsOf.getOrDefault(vmId, List.of());
            JsonNode seen = inventory.get(vmId);
            if (state.equals("Running") && onHosts.equals(List.of(host)) && "RUNNING".equals(hostState.get(vmId))) {
                running++;
            } else if (state.equals("Failed") && onHosts.isEmpty()) {
                failed++;
            } else if (!SETTLED.contains(state)) {
                stuck++;
            } else {
                lost++; // settled, yet neither running where recorded nor failed and gone from every host
            }
            if (seen == null || !seen.get("state").asText().equals(state)
                    || !java.util.Objects.equals(seen.path("hostId").asText(null), host)) {
                disagreeing++;
            }
        }
        table.put("running", running);
        table.put("failed, on no host", failed);
        table.put("lost", lost);
        table.put("duplicated", provisioning.size() - table.get("distinct VMs accepted")
                + hostsOf.values().stream().filter(hosts -> hosts.size() > 1).count());
        table.put("orphaned", hostsOf.keySet().stream().filter(vmId -> {
            JsonNode vm = provisioning.get(vmId);
            return vm == null ? api.get("/api/v1/vms/" + vmId).status() == 404
                    : !vm.get("state").asText().equals("Running");
        }).count());
        table.put("stuck", stuck);
        table.put("disagreeing", disagreeing);
        return table;
    }

    private static List<JsonNode> vms(Api api) {
        return pages(api, "/api/v1/vms?tenant=" + TENANT);
    }

    private static List<JsonNode> pages(Api api, String path) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Api.Reply page = api.get(path + (path.contains("?") ? "&" : "?") + "limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            page.body().get("items").forEach(all::add);
            cursor = page.body().path("nextCursor").isNull() ? null : page.body().path("nextCursor").asText(null);
        } while (cursor != null);
        return all;
    }
}
