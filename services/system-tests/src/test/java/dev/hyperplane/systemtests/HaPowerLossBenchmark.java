package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17's benchmark: a host with {@code bench.ha-vms} VMs (default 50: 10 high, 25 medium, 15 low priority)
 * loses power on the devstack of the bench profile (50 hosts): the time to detect it, to fence it, and until the
 * last VM runs elsewhere, each tier's first and last, and how many VMs run again second by second. The goal is
 * detection within 10 s and every VM running elsewhere within 30 s; the report says whether it was met. Report:
 * target/ha-benchmark-report.md. Run alone:
 * {@code ./mvnw -B verify -Pbench -pl services/system-tests -Dit.test=HaPowerLossBenchmark}.
 */
class HaPowerLossBenchmark {
    private static final int VMS = Integer.getInteger("bench.ha-vms", 50);
    private static final String TENANT = "ha-bench";

    @Test
    void a_host_with_fifty_vms_loses_power_and_report() throws Exception {
        var devstack = DevstackExtension.devstack();
        Api api = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
        int hostCount = DevstackExtension.hosts();
        await().atMost(Duration.ofSeconds(120)).until(() ->
                api.get("/api/v1/hosts?limit=500").body().get("items").size() == hostCount);
        List<String> hosts = new ArrayList<>();
        api.get("/api/v1/hosts?limit=500").body().get("items").forEach(h -> hosts.add(h.get("hostId").asText()));
        String failed = hosts.get(hosts.size() / 2);
        api.put("/api/v1/tenants/" + TENANT + "/quota", "{\"vcpus\": 100000, \"memoryMb\": 100000000, \"vms\": 100000}");

        // fill the host while every other one is in maintenance
        List<String> others = hosts.stream().filter(h -> !h.equals(failed)).toList();
        others.forEach(h -> api.put("/api/v1/hosts/" + h + "/maintenance", "{\"enabled\": true, \"reason\": \"bench\"}"));
        await().atMost(Duration.ofSeconds(60)).until(() -> others.stream().allMatch(h ->
                api.get("/api/v1/hosts/" + h).body().get("inMaintenance").asBoolean()));
        List<String> operations = new ArrayList<>();
        for (int i = 0; i < VMS; i++) {
            String priority = i < VMS / 5 ? "high" : i < VMS * 7 / 10 ? "medium" : "low";
            Api.Reply reply = api.post("/api/v1/vms", """
                    {"tenantId": "%s", "name": "ha-bench-%d", "vcpus": 1, "memoryMb": 1024, "haPriority": "%s",
                     "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}"""
                    .formatted(TENANT, i, priority));
            assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(202);
            operations.add("/api/v1/operations/" + reply.body().get("operationId").asText());
        }
        for (String operation : operations) {
            await().atMost(Duration.ofSeconds(300)).until(() ->
                    api.get(operation).body().path("state").asText().equals("Succeeded"));
        }
        others.forEach(h -> api.put("/api/v1/hosts/" + h + "/maintenance", "{\"enabled\": false}"));
        await().atMost(Duration.ofSeconds(60)).until(() -> others.stream().noneMatch(h ->
                api.get("/api/v1/hosts/" + h).body().get("inMaintenance").asBoolean()));
        int onHost = api.get("/api/v1/agent/hosts/" + failed).body().get("vms").size();

        Instant cut = Instant.now();
        assertThat(api.post("/api/v1/agent/hosts/" + failed + "/power-loss", "").status()).isEqualTo(202);
        JsonNode incident = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode items = api.get("/api/v1/ha/incidents?host=" + failed).body().get("items");
            return items.isEmpty() ? null : api.get("/api/v1/ha/incidents/" + items.get(0).get("incidentId").asText())
                    .body();
        }, i -> i != null && i.get("state").asText().equals("ended"));

        Instant detected = Instant.parse(incident.get("detectedAt").asText());
        Instant fenced = Instant.parse(incident.get("fencedAt").asText());
        Map<String, List<Long>> byTier = new TreeMap<>();
        List<Long> all = new ArrayList<>();
        for (JsonNode vm : incident.get("vms")) {
            if (vm.get("state").asText().equals("restarted")) {
                long ms = Duration.between(cut, Instant.parse(vm.get("endedAt").asText())).toMillis();
                byTier.computeIfAbsent(vm.path("haPriority").asText(), t -> new ArrayList<>()).add(ms);
                all.add(ms);
            }
        }
        all.sort(null);
        long detectMs = Duration.between(cut, detected).toMillis();
        long fenceMs = Duration.between(detected, fenced).toMillis();
        long lastMs = all.isEmpty() ? -1 : all.get(all.size() - 1);
        StringBuilder tiers = new StringBuilder("| tier | VMs | first running elsewhere (s) | last (s) |\n|---|---|---|---|\n");
        for (String tier : List.of("high", "medium", "low")) {
            List<Long> times = byTier.getOrDefault(tier, List.of()).stream().sorted().toList();
            if (!times.isEmpty()) {
                tiers.append("| %s | %d | %.1f | %.1f |%n".formatted(tier, times.size(), times.get(0) / 1000.0,
                        times.get(times.size() - 1) / 1000.0));
            }
        }
        StringBuilder timeline = new StringBuilder("| t (s) after the power loss | VMs running elsewhere |\n|---|---|\n");
        for (long second = 0; second <= (lastMs + 999) / 1000; second++) {
            long until = second * 1000;
            long running = all.stream().filter(ms -> ms <= until).count();
            timeline.append("| %d | %d |%n".formatted(second, running));
        }
        String report = """
                # HA power-loss benchmark

                %s, %d hosts on one agent; host %s lost power with %d VMs on it (%d of this run: a fifth priority
                high, half medium, the rest low; 1 GB each).

                - Detected after **%.1f s** (goal: 10 s): %s
                - Fenced **%.2f s** after that, through its management controller (%s)
                - The last of %d VMs running elsewhere after **%.1f s** (goal: 30 s): %s
                - Restarted %d, not restarted %d

                %s
                %s""".formatted(Instant.now(), hostCount, failed, onHost, VMS, detectMs / 1000.0,
                detectMs <= 10_000 ? "met" : "missed", fenceMs / 1000.0, incident.get("fenceMethod").asText(),
                all.size(), lastMs / 1000.0, lastMs >= 0 && lastMs <= 30_000 ? "met" : "missed",
                incident.get("restarted").asInt(), incident.get("notRestarted").asInt(), tiers, timeline);
        System.out.println(report);
        Files.writeString(Path.of("target", "ha-benchmark-report.md"), report);
        assertThat(incident.get("restarted").asInt()).as("every VM runs again").isEqualTo(onHost);
        // powered on again, the host tells what it did while off: nothing ran twice
        api.post("/api/v1/agent/hosts/" + failed + "/power-on", "");
        NeverTwice.assertNoVmRanTwice(devstack);
    }
}
