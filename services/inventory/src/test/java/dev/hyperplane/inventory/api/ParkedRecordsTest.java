package dev.hyperplane.inventory.api;

import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * How the consumers treat what they cannot handle (issue 13): a record that can never succeed parks its key, so
 * later records of that key wait behind it and a redrive applies them in order; a database that goes away is
 * waited for, not mistaken for poison.
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "inventory_test"))
class ParkedRecordsTest {
    private static final String ADMIN = DevTokens.shared().fleetAdmin();
    private static final String DEAD_LETTERS = "/api/v1/dead-letters/inventory";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static KafkaTestClient kafka;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forTestInfrastructure();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void a_poison_vm_event_is_copied_to_the_dead_letter_topic_and_the_projection_keeps_going() {
        var poison = schemaInvalid(Topics.VM_EVENTS, "vm-x", "dev.hyperplane.vm.started.v1");
        String marker = header(poison.headers().lastHeader("ce_id"));
        kafka.send(poison);
        String vmId = "vm-" + UUID.randomUUID();
        publish(new VmPlaced(vmId, "h-1", NOW));

        var parked = kafka.readUntil(Topics.deadLetter(Topics.VM_EVENTS), Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> marker.equals(header(r.headers().lastHeader("ce_id")))));
        assertThat(parked).filteredOn(r -> marker.equals(header(r.headers().lastHeader("ce_id")))).singleElement()
                .satisfies(r -> assertThat(header(r.headers().lastHeader(IdempotentConsumer.DLQ_REASON_HEADER)))
                        .contains("lacks field vmId"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .get("/api/v1/fleet/vms/" + vmId).then().statusCode(200).body("state", equalTo("Placed")));
    }

    @Test
    void records_behind_a_parked_one_wait_and_a_redrive_applies_them_in_order() {
        String vmId = "vm-" + UUID.randomUUID();
        kafka.send(schemaInvalid(Topics.VM_EVENTS, vmId, "dev.hyperplane.vm.started.v1"));
        publish(new VmPlaced(vmId, "h-1", NOW));
        publish(new VmStarted(vmId, "h-2", NOW.plusSeconds(1))); // applied after VmPlaced, it leaves the VM on h-2

        await().atMost(Duration.ofSeconds(30)).until(() -> parked(vmId).size() == 3);
        List<Map<String, Object>> parked = parked(vmId);
        assertThat(parked).extracting(r -> r.get("reason").toString())
                .first().asString().contains("lacks field");
        assertThat(parked.subList(1, 3)).extracting(r -> r.get("eventType"))
                .containsExactly("dev.hyperplane.vm.placed.v1", "dev.hyperplane.vm.started.v1");
        assertThat(parked.subList(1, 3)).allSatisfy(r -> assertThat(r.get("reason").toString())
                .isEqualTo("parked behind an earlier record of key " + vmId));
        given().auth().oauth2(ADMIN).get("/api/v1/fleet/vms/" + vmId).then().statusCode(404);

        // the poison record is given up, the two behind it are redriven in the order they came
        long poison = id(parked.get(0));
        given().auth().oauth2(ADMIN).post(DEAD_LETTERS + "/" + poison + "/discard").then().statusCode(200)
                .body("state", equalTo("DISCARDED"));
        given().auth().oauth2(ADMIN).post(DEAD_LETTERS + "/" + poison + "/discard").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("https://hyperplane.dev/problems/not-parked"));
        given().auth().oauth2(ADMIN).post(DEAD_LETTERS + "/" + id(parked.get(1)) + "/redrive").then().statusCode(200)
                .body("redriven", equalTo(2)).body("stillParked", equalTo(0));

        given().auth().oauth2(ADMIN).get("/api/v1/fleet/vms/" + vmId).then().statusCode(200)
                .body("state", equalTo("Running")).body("hostId", equalTo("h-2"));
        assertThat(parked(vmId)).isEmpty();

        // the key is free again: a new record of it is applied at once
        publish(new VmPlaced(vmId, "h-3", NOW.plusSeconds(2)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .get("/api/v1/fleet/vms/" + vmId).then().body("hostId", equalTo("h-3")));
    }

    @Test
    void a_database_that_is_away_for_ten_seconds_parks_nothing() throws Exception {
        List<String> vmIds = new ArrayList<>();
        try (Connection admin = DriverManager.getConnection(jdbcUrl, user, password);
             Statement st = admin.createStatement()) {
            // every new session of the service waits at most 200 ms for a lock, and every current one is dropped
            st.execute("ALTER DATABASE " + admin.getCatalog() + " SET lock_timeout = '200ms'");
            try {
                assertThat(dropOtherSessions(st)).as("sessions the service lost").isPositive();
                admin.setAutoCommit(false);
                st.execute("LOCK TABLE fleet_vm IN ACCESS EXCLUSIVE MODE");
                for (int i = 0; i < 10; i++) {
                    String vmId = "vm-" + UUID.randomUUID();
                    vmIds.add(vmId);
                    publish(new VmPlaced(vmId, "h-9", NOW));
                }
                Thread.sleep(10_000); // each attempt fails with "lock not available" (55P03)
            } finally {
                admin.rollback();
                admin.setAutoCommit(true);
                st.execute("ALTER DATABASE " + admin.getCatalog() + " RESET lock_timeout");
                dropOtherSessions(st);
            }
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> vmIds.forEach(vmId -> given().auth().oauth2(ADMIN)
                .get("/api/v1/fleet/vms/" + vmId).then().statusCode(200).body("hostId", equalTo("h-9"))));
        vmIds.forEach(vmId -> assertThat(parked(vmId)).as(vmId).isEmpty());
    }

    private static int dropOtherSessions(Statement st) throws SQLException {
        var rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
        rs.next();
        return rs.getInt(1);
    }

    @Test
    void the_list_pages_and_an_unknown_record_is_a_404() {
        for (int i = 0; i < 3; i++) {
            kafka.send(schemaInvalid(Topics.VM_EVENTS, "page-" + UUID.randomUUID(), "dev.hyperplane.vm.placed.v1"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> all().size() >= 3);
        JsonPath first = given().auth().oauth2(ADMIN).queryParam("limit", 2).get(DEAD_LETTERS).then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getList("items")).hasSize(2);
        JsonPath second = given().auth().oauth2(ADMIN).queryParam("limit", 2)
                .queryParam("cursor", first.getString("nextCursor")).get(DEAD_LETTERS).then().statusCode(200)
                .extract().jsonPath();
        assertThat(second.getLong("items[0].id")).isGreaterThan(first.getLong("items[1].id"));
        given().auth().oauth2(ADMIN).get(DEAD_LETTERS + "/999999999").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(ADMIN).queryParam("cursor", "x").get(DEAD_LETTERS).then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(DevTokens.shared().tenant("tenant-admin", "acme")).get(DEAD_LETTERS).then().statusCode(403);
    }

    private static List<Map<String, Object>> all() {
        return given().auth().oauth2(ADMIN).queryParam("limit", 500).get(DEAD_LETTERS).then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static List<Map<String, Object>> parked(String key) {
        return all().stream().filter(r -> key.equals(r.get("key"))).toList();
    }

    private static long id(Map<String, Object> record) {
        return ((Number) record.get("id")).longValue();
    }

    /** A well-formed envelope of a known type whose data lacks every field. */
    static ProducerRecord<String, byte[]> schemaInvalid(String topic, String key, String type) {
        var record = new ProducerRecord<>(topic, key, "{}".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", ("poison-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/test".getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static String header(org.apache.kafka.common.header.Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void publish(PublicEvent event) {
        kafka.send(CloudEventCodec.encode(event, UUID.randomUUID().toString(), "/test", NOW, null, null));
    }
}
