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
 * answering 200 at once). First a burst: 50 VMs with 10 events each published as fast as the broker takes them
 * (500 events, 50,000 deliveries), which measures throughput (its latency is mostly the queue). Then a steady load
 * of {@value #STEADY_EVENTS_PER_SECOND} events a second for {@value #STEADY_SECONDS} s (a delivery rate well under the
 * throughput), which measures the latency of a service that keeps up. The service, Kafka and PostgreSQL are real; one
 * replica. Run with
 * {@code ./mvnw -B test -Pbench -pl services/integrations}; the report goes to target/delivery-report.md.
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "integrations_bench"))
class DeliveryBenchmark {
    private static final int SUBSCRIPTIONS = 100;
    private static final int VMS = 50;
    private static final int EVENTS_PER_VM = 10;
    private static final int STEADY_EVENTS_PER_SECOND = 2;
    private static final int STEADY_SECONDS = 30;
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
            List<Double> latency = latency(Instant.EPOCH);

            Instant steady = Instant.now();
            for (int i = 0; i < STEADY_EVENTS_PER_SECOND * STEADY_SECONDS; i++) {
                bus.publish(new VmStarted("vm-bench-" + (i % VMS) + "-" + TENANT, "host-steady", Instant.now()));
                Thread.sleep(1000 / STEADY_EVENTS_PER_SECOND);
            }
            int steadyExpected = expected + SUBSCRIPTIONS * STEADY_EVENTS_PER_SECOND * STEADY_SECONDS;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    receivers.stream().mapToInt(r -> r.accepted().size()).sum() >= steadyExpected);
            List<Double> steadyLatency = latency(steady);
            long repeated = receivers.stream().mapToLong(r -> r.accepted().size()
                    - r.accepted().stream().map(WebhookReceiver.Request::webhookId).distinct().count()).sum();
            String report = """
                    # Webhook delivery benchmark

                    100 subscriptions on loopback, one replica, real Kafka and PostgreSQL, every receiver answering
                    200 at once. Latency: from the event's Kafka timestamp to the receiver's answer.

                    | measure | burst: %d events at once (%d deliveries) | steady: %d events/s for %d s (%d deliveries/s) |
                    |---|---|---|
                    | time from the first publish to the last delivery | %.1f s | |
                    | deliveries per second | %.0f | |
                    | latency p50 | %.0f ms | %.0f ms |
                    | latency p99 | %.0f ms | %.0f ms |
                    | latency max | %.0f ms | %.0f ms |
                    | deliveries recorded delivered | %.0f | %.0f |

                    Repeated deliveries: %d.
                    """.formatted(VMS * EVENTS_PER_VM, expected, STEADY_EVENTS_PER_SECOND, STEADY_SECONDS,
                    STEADY_EVENTS_PER_SECOND * SUBSCRIPTIONS, seconds, expected / seconds, latency.get(0),
                    steadyLatency.get(0), latency.get(1), steadyLatency.get(1), latency.get(2), steadyLatency.get(2),
                    latency.get(3), steadyLatency.get(3), repeated);
            System.out.println(report);
            Files.writeString(Path.of("target/delivery-report.md"), report);
            assertThat(latency.get(3)).isEqualTo(expected);
            assertThat(steadyLatency.get(3)).isEqualTo(steadyExpected - expected);
            assertThat(repeated).isZero();
        } finally {
            receivers.forEach(WebhookReceiver::close);
        }
    }

    /** p50, p99, max (ms) and count of the tenant's deliveries of events the broker took at or after a time. */
    private List<Double> latency(Instant since) {
        return Sql.queryOne(dataSource, """
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms),
                           max(ms), count(*)
                      FROM (SELECT extract(epoch FROM d.delivered_at - e.kafka_at) * 1000 + d.last_latency_ms AS ms
                              FROM delivery d JOIN integration_event e USING (position)
                              JOIN webhook w USING (webhook_id)
                             WHERE w.tenant_id = ? AND d.state = 'delivered' AND e.kafka_at >= ?) l""",
                rs -> List.of(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)), TENANT,
                Sql.ts(since)).orElseThrow();
    }
}
