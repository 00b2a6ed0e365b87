package dev.hyperplane.systemtests;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Throughput of provisioning: {@code bench.vms} creations (default 1,000) from {@code bench.clients} concurrent
 * panels (default 16) against the devstack with {@code devstack.hosts} simulated hosts (50 in the bench profile);
 * REST -> Running measured from the POST to the VM's {@code VmStarted} on {@code hyperplane.vm.events}, split at
 * its {@code VmPlaced}. Not part of the default test run ({@code -Pbench}).
 */
class ProvisioningThroughputBenchmark {
    private static final int VMS = Integer.getInteger("bench.vms", 1000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);

    @Test
    void provision_vms_and_report() throws Exception {
        var devstack = DevstackExtension.devstack();
        Api api = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
        api.put("/api/v1/tenants/bench/quota", "{\"vcpus\": 100000, \"memoryMb\": 100000000, \"vms\": 100000}");
        int hosts = DevstackExtension.hosts();
        await().atMost(Duration.ofSeconds(90)).until(() ->
                api.get("/api/v1/hosts?limit=500").body().get("items").size() == hosts);

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        Map<String, Long> endedAt = new ConcurrentHashMap<>();
        Map<String, Long> placedAt = new ConcurrentHashMap<>();
        Map<String, String> endState = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> watch(devstack.kafkaBootstrapServers(), placedAt, endedAt, endState,
                watching));
        watcher.start();
        Thread.sleep(3000); // let the watcher join its group before the first VM

        ExecutorService panels = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        for (int i = 0; i < VMS; i++) {
            String name = "bench-" + i;
            panels.submit(() -> {
                long sent = System.nanoTime();
                Api.Reply reply = api.createVm("bench", name, 512);
                if (reply.status() == 202) {
                    String vmId = reply.body().get("vmId").asText();
                    sentAt.put(vmId, sent);
                    acceptedAt.put(vmId, System.nanoTime());
                }
            });
        }
        panels.shutdown();
        panels.awaitTermination(10, TimeUnit.MINUTES);
        long submitted = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> endedAt.keySet().containsAll(sentAt.keySet()));
        watching.set(false);
        watcher.join();

        List<Long> restLatency = new ArrayList<>();
        List<Long> toPlaced = new ArrayList<>();
        List<Long> placedToRunning = new ArrayList<>();
        List<Long> toRunning = new ArrayList<>();
        long last = 0;
        for (String vmId : sentAt.keySet()) {
            restLatency.add(acceptedAt.get(vmId) - sentAt.get(vmId));
            if (placedAt.containsKey(vmId)) {
                toPlaced.add(placedAt.get(vmId) - acceptedAt.get(vmId));
                placedToRunning.add(endedAt.get(vmId) - placedAt.get(vmId));
            }
            toRunning.add(endedAt.get(vmId) - sentAt.get(vmId));
            last = Math.max(last, endedAt.get(vmId));
        }
        long running = sentAt.keySet().stream().filter(id -> "Running".equals(endState.get(id))).count();
        double seconds = (last - start) / 1e9;
        String report = """
                # Provisioning throughput

                | measure | value |
                |---|---|
                | VMs requested / accepted / Running | %d / %d / %d |
                | simulated hosts | %d |
                | concurrent clients | %d |
                | all POSTs answered after | %.1f s |
                | all VMs terminal after | %.1f s |
                | throughput (accepted VMs / time to last terminal) | %.1f VMs/s |
                | POST -> 202, p50 / p99 | %d ms / %d ms |
                | 202 -> VmPlaced (saga, placement), p50 / p99 | %d ms / %d ms |
                | VmPlaced -> VmStarted (agent, boot to Running, answer, saga), p50 / p99 | %d ms / %d ms |
                | POST -> Running, p50 / p99 | %d ms / %d ms |
                | machine | %d cores, %s |
                """.formatted(VMS, sentAt.size(), running, hosts, CLIENTS, (submitted - start) / 1e9, seconds,
                sentAt.size() / seconds, percentile(restLatency, 50), percentile(restLatency, 99),
                percentile(toPlaced, 50), percentile(toPlaced, 99),
                percentile(placedToRunning, 50), percentile(placedToRunning, 99),
                percentile(toRunning, 50), percentile(toRunning, 99),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"));
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmark-report.md"), report);
        assertThat(sentAt).hasSize(VMS);
        assertThat(running).isEqualTo(VMS);
    }

    private static void watch(String bootstrap, Map<String, Long> placedAt, Map<String, Long> endedAt,
                              Map<String, String> endState, AtomicBoolean watching) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("hyperplane.vm.events"));
            while (watching.get()) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    var type = record.headers().lastHeader("ce_type");
                    String ceType = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
                    if (ceType.endsWith(".vm.placed.v1")) {
                        placedAt.putIfAbsent(record.key(), System.nanoTime());
                    }
                    String state = ceType.endsWith(".vm.started.v1") ? "Running"
                            : ceType.endsWith(".vm.failed.v1") ? "Failed" : null;
                    if (state != null) {
                        endedAt.putIfAbsent(record.key(), System.nanoTime());
                        endState.putIfAbsent(record.key(), state);
                    }
                });
            }
        }
    }

    private static long percentile(List<Long> nanos, int p) {
        List<Long> sorted = nanos.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return TimeUnit.NANOSECONDS.toMillis(sorted.get(Math.max(0, index)));
    }
}
