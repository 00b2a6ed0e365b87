package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hyperplane.devstack.SupervisedProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's drill of issues 13 and 14: VM creations from 16 panel clients that retry with the same
 * {@code Idempotency-Key} on a 5xx or a dropped connection, while processes of the devstack are killed with
 * {@code kill -9} and its supervisor starts them again. Creations are paced ({@code -Dcrash.rate}, per second) and
 * go on past the planned number until the last victim is back, so every kill lands while VMs are being created
 * (with two replicas, creations no longer stall while one is down, and would otherwise finish before the kills).
 * Afterwards it tallies from what provisioning, inventory and the agent each say that nothing is lost, duplicated,
 * orphaned or stuck and that the three agree.
 */
final class KillDrill {
    private static final Set<String> SETTLED = Set.of("Running", "Stopped", "Failed", "Deleted", "Lost");

    private final Api api;
    private final String tenant;
    private final int creations;
    private final Map<String, String> vmByKey = new ConcurrentHashMap<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final List<String> refusals = new ArrayList<>();
    private final ExecutorService panels = Executors.newFixedThreadPool(16);
    private final double perSecond;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<SupervisedProcess> victims = new ArrayList<>();
    private volatile boolean killsDone;
    private long startedAt;

    /** @param perSecond creations started per second, unless {@code -Dcrash.rate} says otherwise */
    KillDrill(Api api, String tenant, int creations, double perSecond) {
        this.api = api;
        this.tenant = tenant;
        this.creations = creations;
        this.perSecond = Double.parseDouble(System.getProperty("crash.rate", String.valueOf(perSecond)));
    }

    /** Gives the tenant room, waits for every host, and starts the panels' creations. */
    KillDrill start(int hosts) {
        assertThat(api.put("/api/v1/tenants/" + tenant + "/quota",
                "{\"vcpus\": 100000, \"memoryMb\": 100000000, \"vms\": 100000}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/hosts").body().get("items").size()
                == hosts);
        startedAt = System.nanoTime();
        for (int panel = 0; panel < 16; panel++) {
            panels.submit(this::panel);
        }
        return this;
    }

    /** One panel: creates the next VM at its paced time, until the planned number is reached and the kills done. */
    private void panel() {
        while (!Thread.currentThread().isInterrupted()) {
            int i = issued.getAndIncrement();
            if (i >= creations && killsDone) {
                issued.decrementAndGet();
                return;
            }
            long due = startedAt + (long) (i / perSecond * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            create(tenant + "-key-" + i, tenant + "-" + i);
        }
    }

    /** A service's last replica (the first is {@code Devstack.service(name)}). */
    static SupervisedProcess last(List<SupervisedProcess> replicas) {
        return replicas.get(replicas.size() - 1);
    }

    /**
     * Waits until {@code fraction} of the planned creations were accepted and the previous step's victims are back,
     * then kills these processes at once; the devstack's supervisor starts each again.
     */
    void killAt(double fraction, List<SupervisedProcess> processes) {
        await().atMost(Duration.ofMinutes(5)).until(() -> vmByKey.size() >= (int) (creations * fraction));
        victims.forEach(victim -> victim.awaitReady(Duration.ofSeconds(240)));
        System.out.printf("kill -9 of %s after %d accepted creations%n",
                processes.stream().map(SupervisedProcess::name).toList(), vmByKey.size());
        processes.forEach(SupervisedProcess::kill);
        victims.addAll(processes);
    }

    /** Waits for every creation and for the three views to converge; prints the table and returns it. */
    /** The VMs the last tally found disagreeing, for the post-mortem. */
    private volatile List<String> disagreements = List.of();

    Map<String, Long> finish(String title) throws InterruptedException {
        victims.forEach(victim -> victim.awaitReady(Duration.ofSeconds(240)));
        killsDone = true;
        panels.shutdown();
        assertThat(panels.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        assertThat(refusals).as("answers other than 202, 5xx or a dropped connection").isEmpty();
        assertThat(vmByKey).hasSize(issued.get()).hasSizeGreaterThanOrEqualTo(creations);

        // every VM settles: nothing in a transitional state outlives its deadline
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(unsettled()).as("VMs in a transitional state").isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            printFailures();
            throw e;
        }
        // and the three views converge (the reconciler tears down late starts, inventory follows)
        Map<String, Long> table;
        try {
            table = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5))
                    .until(this::tally, t -> t.get("lost") + t.get("duplicated") + t.get("orphaned")
                            + t.get("stuck") + t.get("disagreeing") == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.printf("%nstill disagreeing (provisioning | inventory):%n");
            disagreements.stream().limit(20).forEach(line -> System.out.println("  " + line));
            printFailures();
            throw e;
        }
        System.out.printf("%n%s during %d creations (%d client retries):%n", title, vmByKey.size(), retries.get());
        table.forEach((row, count) -> System.out.printf("  %-28s %6d%n", row, count));
        Map<String, Long> reasons = new TreeMap<>();
        vms().stream().filter(vm -> vm.get("state").asText().equals("Failed")).forEach(vm -> reasons.merge(
                vm.path("failureReason").asText("").replaceAll("[0-9a-f-]{36}|host-?[0-9]+|agent-\\S+", "…"), 1L,
                Long::sum));
        reasons.forEach((reason, count) -> System.out.printf("  failed: %5d × %s%n", count, reason));
        assertThat(table.get("running") + table.get("failed, on no host")).isEqualTo(vmByKey.size());
        return table;
    }

    /** For the post-mortem: the last warnings and errors each service logged (the data dir goes with the JVM). */
    private void printFailures() {
        try (var logs = java.nio.file.Files.list(DevstackExtension.devstack().logs())) {
            for (java.nio.file.Path log : logs.sorted().toList()) {
                List<String> lines = java.nio.file.Files.readAllLines(log).stream()
                        .filter(l -> (l.contains(" ERROR ") || l.contains(" WARN ") || l.startsWith("Caused by"))
                                && !l.contains("NetworkClient"))
                        .toList();
                System.out.printf("%n--- %s: last of %d warnings and errors%n", log.getFileName(), lines.size());
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> System.out.println(
                        l.length() > 400 ? l.substring(0, 400) : l));
            }
        } catch (java.io.IOException e) {
            System.out.println("logs unreadable: " + e.getMessage());
        }
    }

    /** Deletes the tenant's running VMs, 16 at a time, and waits until none is left on a host. */
    void deleteRunning() throws InterruptedException {
        panels.shutdownNow();
        List<String> running = vms().stream().filter(vm -> vm.get("state").asText().equals("Running"))
                .map(vm -> vm.get("vmId").asText()).toList();
        ExecutorService deleters = Executors.newFixedThreadPool(16);
        running.forEach(vmId -> deleters.submit(() -> api.delete("/api/v1/vms/" + vmId)));
        deleters.shutdown();
        assertThat(deleters.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(vms()).noneMatch(vm -> vm.get("state").asText().equals("Running")
                        || vm.get("state").asText().equals("Deleting")));
    }

    /** One panel request, retried with the same key until it is accepted. */
    private void create(String key, String name) {
        String body = """
                {"tenantId": "%s", "name": "%s", "vcpus": 1, "memoryMb": 256,
                 "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}"""
                .formatted(tenant, name);
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

    private List<String> unsettled() {
        List<String> stuck = new ArrayList<>();
        for (JsonNode vm : vms()) {
            if (!SETTLED.contains(vm.get("state").asText())) {
                stuck.add(vm.get("vmId").asText() + " " + vm.get("state").asText());
            }
        }
        return stuck;
    }

    /** The counts of the table, from what provisioning, inventory and the agent each say now. */
    private Map<String, Long> tally() {
        Map<String, JsonNode> provisioning = new HashMap<>();
        vms().forEach(vm -> provisioning.put(vm.get("vmId").asText(), vm));
        Map<String, JsonNode> inventory = new HashMap<>();
        pages("/api/v1/fleet/vms").forEach(vm -> inventory.put(vm.get("vmId").asText(), vm));
        Map<String, List<String>> hostsOf = new HashMap<>(); // VM -> the hosts that run it (agent)
        Map<String, String> hostState = new HashMap<>();
        for (JsonNode host : pages("/api/v1/agent/hosts")) {
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
        List<String> found = new ArrayList<>();
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
                    || !Objects.equals(seen.path("hostId").asText(null), host)) {
                disagreeing++;
                found.add(vmId + ": " + state + " on " + host + " | " + (seen == null ? "unknown"
                        : seen.get("state").asText() + " on " + seen.path("hostId").asText(null)) + " | hosts report "
                        + onHosts + " " + hostState.get(vmId));
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
        disagreements = found;
        return table;
    }

    private List<JsonNode> vms() {
        return pages("/api/v1/vms?tenant=" + tenant);
    }

    private List<JsonNode> pages(String path) {
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
