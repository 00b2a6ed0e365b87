package dev.hyperplane.backup;

import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.BackupCompletedOnHost;
import dev.hyperplane.events.agent.BackupVmOnHost;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.testsupport.KafkaTestClient;
import dev.hyperplane.testsupport.TestInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A nightly window: 1,000 VMs on 50 hosts under one tenant default policy, with the per-host limit of 2 (the fleet
 * limit raised to 100, so that the hosts' limit is the one that binds). The real service on real Kafka and
 * PostgreSQL schedules, queues, starts and records the backups; the test plays provisioning (the VMs) and the 50
 * hosts' agents, which answer each backup after the time the engine's model gives it: its allocated blocks read at
 * 250 MB/s (a first backup is full) after a 1 s freeze. Measured: time from the scheduled time to the last restore
 * point, the most backups a host ran at once (must never exceed 2), backups per second, and the wait in the queue.
 * Run with {@code ./mvnw -B test -Pbench -pl services/backup}; the report goes to target/backup-window-report.md.
 */
@QuarkusTest
@TestProfile(BackupWindowBenchmark.Window.class)
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "backup_bench"))
class BackupWindowBenchmark {
    private static final int HOSTS = 50;
    private static final int VMS = 1000;
    private static final int PER_HOST = 2;
    private static final double READ_MB_PER_SEC = 250;
    private static final long FREEZE_MS = 1000;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String TENANT = "bench-" + RUN;

    /** The per-host limit binds, not the fleet's. */
    public static class Window implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hyperplane.backup.max-per-host", String.valueOf(PER_HOST),
                    "hyperplane.backup.max-in-fleet", String.valueOf(HOSTS * PER_HOST),
                    "hyperplane.backup.admission-interval", "1s",
                    "hyperplane.backup.run-timeout", "PT10M");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    /** The hosts' side: what each runs now and ran at most, and when each backup started and ended. */
    private static final class Agents {
        final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        final Map<String, Integer> most = new ConcurrentHashMap<>();
        final Map<String, Long> startedAt = new ConcurrentHashMap<>();
        final List<Long> endedAt = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger duplicates = new AtomicInteger();
    }

    @Test
    void a_nightly_window_for_1000_vms_on_50_hosts() throws Exception {
        Map<String, Long> allocatedMb = new ConcurrentHashMap<>();
        Map<String, String> hostOf = new ConcurrentHashMap<>();
        try (KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure()) {
            for (int i = 0; i < VMS; i++) {
                String vmId = "bench-vm-" + RUN + "-" + i;
                String host = "bench-host-" + RUN + "-" + (i % HOSTS);
                hostOf.put(vmId, host);
                allocatedMb.put(vmId, 2048 + (i * 977L) % 6144); // 2 to 8 GB written: 8 to 33 s to read
                publish(kafka, new VmRequested(vmId, TENANT, "vm-" + i, 2, 4096,
                        new GuestOs("linux", "Ubuntu", "20.04 LTS", null), 1, false, MemoryPlan.fixed(4096),
                        "op-" + vmId, null, "bench", Instant.now(), null, null));
                publish(kafka, new VmStarted(vmId, host, Instant.now()));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> count(
                    "SELECT COUNT(*) FROM backup_vm WHERE tenant_id = ? AND state = 'Running'") == VMS);

            Agents agents = new Agents();
            AtomicBoolean stop = new AtomicBoolean();
            ScheduledExecutorService answers = Executors.newScheduledThreadPool(4);
            Thread hosts = new Thread(() -> playHosts(kafka, agents, allocatedMb, stop, answers), "bench-hosts");
            hosts.start();

            // the policy's time: the next minute but one, so that the assignment is in place before it
            ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(2);
            String token = DevTokens.shared().tenant("tenant-admin", TENANT);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                    {"schedule": "%d %d * * *", "consistency": "crash", "retention": {"keepLast": 7}}"""
                    .formatted(at.getMinute(), at.getHour())).put("/api/v1/backup-policies/nightly").then()
                    .statusCode(200);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"vmIds\": [], \"tenantDefault\": true}")
                    .put("/api/v1/backup-policies/nightly/assignments").then().statusCode(200);

            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(2)).until(() -> count(
                    "SELECT COUNT(*) FROM backup_job WHERE tenant_id = ? AND state IN ('completed', 'failed')") == VMS);
            stop.set(true);
            hosts.join(10_000);
            answers.shutdownNow();

            Instant scheduled = at.toInstant();
            Instant last = Instant.ofEpochMilli(Collections.max(agents.endedAt));
            long failed = count("SELECT COUNT(*) FROM backup_job WHERE tenant_id = ? AND state = 'failed'");
            List<Long> waits = waits();
            double work = allocatedMb.values().stream().mapToDouble(mb -> mb / READ_MB_PER_SEC + FREEZE_MS / 1000.0)
                    .sum();
            double bound = work / (HOSTS * PER_HOST);
            Map<String, Double> perHost = new java.util.HashMap<>();
            allocatedMb.forEach((vm, mb) -> perHost.merge(hostOf.get(vm), mb / READ_MB_PER_SEC + FREEZE_MS / 1000.0,
                    Double::sum));
            double busiest = perHost.values().stream().mapToDouble(Double::doubleValue).max().orElse(0) / PER_HOST;
            double seconds = Duration.between(scheduled, last).toMillis() / 1000.0;
            int mostOnAHost = agents.most.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            String report = """
                    # Backup window benchmark

                    %d VMs on %d hosts, one tenant default policy, per-host limit %d, fleet limit %d; the hosts read
                    %.0f MB/s after a %d ms freeze (first backups: full), %.0f GB in all.

                    | measure | value |
                    |---|---|
                    | time from the scheduled time to the last restore point | %.1f s |
                    | all backup time / (hosts x limit) | %.1f s |
                    | the least it could take: the busiest host's backup time / limit | %.1f s |
                    | efficiency (the least / measured) | %.0f %% |
                    | backups per second | %.2f |
                    | most backups at once on one host | %d |
                    | failed | %d |
                    | backup commands a host received twice | %d |
                    | wait in the queue, p50 / p99 / max | %.1f / %.1f / %.1f s |
                    """.formatted(VMS, HOSTS, PER_HOST, HOSTS * PER_HOST, READ_MB_PER_SEC, FREEZE_MS,
                    allocatedMb.values().stream().mapToLong(Long::longValue).sum() / 1024.0, seconds, bound,
                    busiest, 100 * busiest / seconds, VMS / seconds, mostOnAHost, failed, agents.duplicates.get(),
                    pct(waits, 50) / 1000.0, pct(waits, 99) / 1000.0, pct(waits, 100) / 1000.0);
            System.out.println(report);
            Files.writeString(Path.of("target/backup-window-report.md"), report);

            assertThat(failed).isZero();
            assertThat(mostOnAHost).as("the per-host limit").isLessThanOrEqualTo(PER_HOST);
            assertThat(agents.duplicates.get()).isZero();
        }
    }

    /** The 50 hosts: each backup command answered after its read time, counted while it runs. */
    private static void playHosts(KafkaTestClient kafka, Agents agents, Map<String, Long> allocatedMb,
                                  AtomicBoolean stop, ScheduledExecutorService answers) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-hosts-" + RUN,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.AGENT_COMMANDS));
            while (!stop.get()) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    if (!(CloudEventCodec.decode(record).data() instanceof BackupVmOnHost command)
                            || !allocatedMb.containsKey(command.vmId())) {
                        continue;
                    }
                    if (agents.startedAt.putIfAbsent(command.commandId(), System.currentTimeMillis()) != null) {
                        agents.duplicates.incrementAndGet();
                        continue;
                    }
                    int now = agents.running.computeIfAbsent(command.hostId(), h -> new AtomicInteger())
                            .incrementAndGet();
                    agents.most.merge(command.hostId(), now, Math::max);
                    long allocated = allocatedMb.get(command.vmId());
                    long durationMs = FREEZE_MS + Math.round(allocated / READ_MB_PER_SEC * 1000);
                    answers.schedule(() -> {
                        agents.running.get(command.hostId()).decrementAndGet();
                        agents.endedAt.add(System.currentTimeMillis());
                        publish(kafka, new BackupCompletedOnHost(command.hostId(), command.vmId(),
                                command.commandId(), "file-system", "hv_vss_daemon froze and thawed the file systems",
                                0, Instant.now(), true, null, allocated, FREEZE_MS, durationMs,
                                List.of(new DiskContent(0, 131072, allocated, 1))));
                    }, durationMs, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private static void publish(KafkaTestClient kafka, PublicEvent event) {
        kafka.send(CloudEventCodec.encode(event, UUID.randomUUID().toString(), "/bench", Instant.now(), null, null));
    }

    private long count(String sql) {
        return Sql.queryOne(dataSource, sql, rs -> rs.getLong(1), TENANT).orElse(0L);
    }

    private static double pct(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Each backup's wait from its request to its start, in ms, sorted. */
    private List<Long> waits() {
        List<Long> waits = new ArrayList<>(Sql.query(dataSource, """
                SELECT (EXTRACT(EPOCH FROM started_at - requested_at) * 1000)::bigint FROM backup_job
                WHERE tenant_id = ? AND started_at IS NOT NULL""", rs -> rs.getLong(1), TENANT));
        Collections.sort(waits);
        return waits;
    }
}
