package dev.hyperplane.integrations;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.messaging.TestBus;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.testsupport.WebhookReceiver;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries per second to 100 subscriptions on loopback, and each delivery's latency from its event's Kafka
 * timestamp to the receiver's answer. One tenant, 100 subscriptions to its VM events (each its own receiver, all
 * answering 200 at once), 50 VMs with 10 events each published as fast as the broker takes them: 500 events,
 * 50,000 deliveries. The service, Kafka and PostgreSQL are real; one replica. Run with
 * {@code ./mvnw -B test -Pbench -pl services/integrations}; the report goes to target/delivery-report.md.
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "integrations_bench"))
class DeliveryBenchmark {
    private static final int SUBSCRIPTIONS = 100;
    private static final int VMS = 50;
    private static final int EVENTS_PER_VM = 10;
    private static final String TENANT = "bench-" + UUID.randomUUID().toString().substring(0, 6);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void deliveries_to_a_hundred_subscriptions() throws Exception {
        String token = DevTokens.shared().tenant("tenant-admin", TENANT);
        List<WebhookReceiver> receivers = new ArrayList<>();
        try (TestBus bus = new TestBus()) {
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                WebhookReceiver receiver = new WebhookReceiver();
                receivers.add(receiver);
                given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body("{\"url\": \"" + receiver.url() + "\", \"eventTypes\": [\"dev.hyperplane.vm.*\"]}")
                        .post("/api/v1/webhooks").then().statusCode(201);
            }
            Instant started = Instant.now();
            for (int v = 0; v < VMS; v++) {
                String vmId = "vm-bench-" + v + "-" + TENANT;
                bus.publish(new VmRequested(vmId, TENANT, "bench", 1, 1024, new GuestOs("linux", "Ubuntu",
                        "22.04 LTS"), 2, false, MemoryPlan.fixed(1024), "op-" + vmId, null, "bench", Instant.now(),
                        "live", "medium"));
                for (int e = 1; e < EVENTS_PER_VM; e++) {
                    bus.publish(new VmStarted(vmId, "host-" + e, Instant.now()));
                }
            }
            int expected = SUBSCRIPTIONS * VMS * EVENTS_PER_VM;
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    receivers.stream().mapToInt(r -> r.accepted().size()).sum() >= expected);
            Instant done = receivers.stream().flatMap(r -> r.accepted().stream()).map(WebhookReceiver.Request::at)
                    .max(Instant::compareTo).orElseThrow();
            double seconds = Duration.between(started, done).toMillis() / 1000.0;
            List<Double> latency = Sql.queryOne(dataSource, """
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms),
                           max(ms), count(*)
                      FROM (SELECT extract(epoch FROM d.delivered_at - e.kafka_at) * 1000 + d.last_latency_ms AS ms
                              FROM delivery d JOIN integration_event e USING (position)
                              JOIN webhook w USING (webhook_id)
                             WHERE w.tenant_id = ? AND d.state = 'delivered') l""",
                    rs -> List.of(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)), TENANT)
                    .orElseThrow();
            long repeated = receivers.stream().mapToLong(r -> r.accepted().size()
                    - r.accepted().stream().map(WebhookReceiver.Request::webhookId).distinct().count()).sum();
            String report = """
                    # Webhook delivery benchmark

                    %d subscriptions on loopback, %d events (%d VMs x %d), %d deliveries; one replica, real Kafka and
                    PostgreSQL, every receiver answering 200 at once.

                    | measure | value |
                    |---|---|
                    | time from the first publish to the last delivery | %.1f s |
                    | deliveries per second | %.0f |
                    | latency from the Kafka timestamp, p50 | %.0f ms |
                    | latency from the Kafka timestamp, p99 | %.0f ms |
                    | latency, max | %.0f ms |
                    | deliveries recorded delivered | %.0f |
                    | repeated deliveries | %d |
                    """.formatted(SUBSCRIPTIONS, VMS * EVENTS_PER_VM, VMS, EVENTS_PER_VM, expected, seconds,
                    expected / seconds, latency.get(0), latency.get(1), latency.get(2), latency.get(3), repeated);
            System.out.println(report);
            Files.writeString(Path.of("target/delivery-report.md"), report);
            assertThat(latency.get(3)).isEqualTo(expected);
            assertThat(repeated).isZero();
        } finally {
            receivers.forEach(WebhookReceiver::close);
        }
    }
}
