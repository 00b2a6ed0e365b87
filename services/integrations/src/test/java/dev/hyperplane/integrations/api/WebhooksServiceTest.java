package dev.hyperplane.integrations.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.events.webhook.WebhookDisabled;
import dev.hyperplane.testsupport.WebhookReceiver;
import dev.hyperplane.platform.messaging.TestBus;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Webhooks over real Kafka and PostgreSQL, the test playing provisioning (publishing VM events) and the receivers
 * (HTTP endpoints on loopback that check signatures with their own code).
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "integrations_api"))
class WebhooksServiceTest {
    private static final DevTokens TOKENS = DevTokens.shared();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestBus bus;

    @BeforeAll
    static void connect() {
        bus = new TestBus();
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    private static RequestSpecification as(String tenant) {
        return given().auth().oauth2(TOKENS.tenant("tenant-admin", tenant)).contentType(ContentType.JSON);
    }

    private static ValidatableResponse subscribe(String tenant, String url, String types) {
        return as(tenant).body("{\"url\": \"" + url + "\", \"eventTypes\": " + types + "}").post("/api/v1/webhooks")
                .then().statusCode(201);
    }

    private static String vm(String tenant) {
        String vmId = "vm-" + UUID.randomUUID().toString().substring(0, 8);
        bus.publish(new VmRequested(vmId, tenant, "web", 2, 2048, new GuestOs("linux", "Ubuntu", "22.04 LTS"), 2,
                false, MemoryPlan.fixed(2048), "op-" + vmId, null, "admin@" + tenant, Instant.now(), "live",
                "medium"));
        return vmId;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_tenants_events_arrive_signed_in_order_and_another_tenant_receives_none_of_them() throws Exception {
        String acme = "acme-" + RUN;
        String globex = "globex-" + RUN;
        try (WebhookReceiver acmeHook = new WebhookReceiver(); WebhookReceiver globexHook = new WebhookReceiver()) {
            String secret = subscribe(acme, acmeHook.url(), "[\"dev.hyperplane.vm.*\"]")
                    .body("webhook.tenantId", equalTo(acme)).body("webhook.active", equalTo(true))
                    .body("secret", startsWith("whsec_")).extract().path("secret");
            String globexSecret = subscribe(globex, globexHook.url(), "[\"dev.hyperplane.vm.*\"]")
                    .extract().path("secret");
            String acmeVm = vm(acme);
            String globexVm = vm(globex);
            for (int i = 0; i < 5; i++) {
                bus.publish(new VmStarted(acmeVm, "host-" + i, Instant.now()));
                bus.publish(new VmStarted(globexVm, "host-" + i, Instant.now()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acmeHook.accepted().size() >= 6
                    && globexHook.accepted().size() >= 6);

            List<WebhookReceiver.Request> received = acmeHook.accepted();
            assertThat(received).allSatisfy(r -> {
                assertThat(WebhookReceiver.verifies(r, secret)).as("signature of %s", r.webhookId()).isTrue();
                assertThat(WebhookReceiver.verifies(r, globexSecret)).isFalse();
                assertThat(r.contentType()).isEqualTo("application/cloudevents+json");
                assertThat(json(r.body()).path("tenantid").asText(acme)).isEqualTo(acme);
                assertThat(json(r.body()).path("data").path("vmId").asText()).isEqualTo(acmeVm);
            });
            JsonNode first = json(received.get(0).body());
            assertThat(first.path("specversion").asText()).isEqualTo("1.0");
            assertThat(first.path("type").asText()).isEqualTo("dev.hyperplane.vm.requested.v1");
            assertThat(first.path("id").asText()).isEqualTo(received.get(0).webhookId());
            assertThat(received.stream().skip(1).map(r -> json(r.body()).path("data").path("hostId").asText()))
                    .containsExactly("host-0", "host-1", "host-2", "host-3", "host-4");
            assertThat(globexHook.accepted()).allSatisfy(r -> {
                assertThat(json(r.body()).path("data").path("vmId").asText()).isEqualTo(globexVm);
                assertThat(r.body()).doesNotContain(acme);
            });

            // the delivery log
            String webhookId = as(acme).get("/api/v1/webhooks").then().statusCode(200)
                    .extract().path("items[0].webhookId");
            as(acme).get("/api/v1/webhooks/" + webhookId + "/deliveries").then().statusCode(200)
                    .body("items[0].state", equalTo("delivered")).body("items[0].attempts[0].status", equalTo(200))
                    .body("items[0].attempts[0].latencyMs", notNullValue());
            as(globex).get("/api/v1/webhooks/" + webhookId).then().statusCode(404);
            as(globex).get("/api/v1/webhooks/" + webhookId + "/deliveries").then().statusCode(404);
        }
    }

    @Test
    void failed_attempts_are_retried_with_the_same_id_and_each_vm_keeps_its_order() throws Exception {
        String tenant = "retry-" + RUN;
        try (WebhookReceiver hook = new WebhookReceiver()) {
            // the first five requests fail: the service's retries, shortened in tests, carry them through
            hook.answering(n -> n <= 5 ? 500 : 200);
            String secret = subscribe(tenant, hook.url(), "[\"dev.hyperplane.vm.*\"]").extract().path("secret");
            List<String> vms = List.of(vm(tenant), vm(tenant));
            for (int i = 0; i < 4; i++) {
                for (String vmId : vms) {
                    bus.publish(new VmStarted(vmId, "host-" + i, Instant.now()));
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> hook.accepted().size() >= 10);

            Map<String, List<String>> hostsByVm = hook.accepted().stream().map(r -> json(r.body()))
                    .filter(e -> e.path("type").asText().equals("dev.hyperplane.vm.started.v1"))
                    .collect(Collectors.groupingBy(e -> e.path("data").path("vmId").asText(),
                            Collectors.mapping(e -> e.path("data").path("hostId").asText(), Collectors.toList())));
            for (String vmId : vms) {
                assertThat(hostsByVm.get(vmId)).as("%s in order", vmId)
                        .containsExactly("host-0", "host-1", "host-2", "host-3");
            }
            List<String> failedIds = hook.requests().stream().filter(r -> r.status() == 500)
                    .map(WebhookReceiver.Request::webhookId).distinct().toList();
            List<String> acceptedIds = hook.accepted().stream().map(WebhookReceiver.Request::webhookId).toList();
            assertThat(failedIds).isNotEmpty();
            assertThat(acceptedIds).as("every failed id is delivered later, under the same id").containsAll(failedIds);
            assertThat(acceptedIds).as("each event accepted once").doesNotHaveDuplicates();
            assertThat(hook.requests()).allSatisfy(r -> assertThat(WebhookReceiver.verifies(r, secret)).isTrue());
        }
    }

    @Test
    void a_rotated_secret_and_the_previous_one_both_verify_during_the_overlap() throws Exception {
        String tenant = "rotate-" + RUN;
        try (WebhookReceiver hook = new WebhookReceiver()) {
            ValidatableResponse created = subscribe(tenant, hook.url(), "[\"dev.hyperplane.vm.*\"]");
            String old = created.extract().path("secret");
            String id = created.extract().path("webhook.webhookId");
            String rotated = as(tenant).post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(200)
                    .body("webhook.previousSecretValidUntil", notNullValue()).extract().path("secret");
            assertThat(rotated).isNotEqualTo(old).startsWith("whsec_");
            vm(tenant);
            await().atMost(Duration.ofSeconds(30)).until(() -> !hook.accepted().isEmpty());
            WebhookReceiver.Request request = hook.accepted().get(0);
            assertThat(request.signatures()).hasSize(2);
            assertThat(WebhookReceiver.verifies(request, old)).isTrue();
            assertThat(WebhookReceiver.verifies(request, rotated)).isTrue();
            // the test ping signs the same way
            as(tenant).post("/api/v1/webhooks/" + id + "/ping").then().statusCode(200)
                    .body("delivered", equalTo(true)).body("status", equalTo(200));
            WebhookReceiver.Request ping = hook.requests().get(hook.requests().size() - 1);
            assertThat(json(ping.body()).path("type").asText()).isEqualTo("dev.hyperplane.webhook.ping.v1");
            assertThat(WebhookReceiver.verifies(ping, rotated)).isTrue();
        }
    }

    @Test
    void replay_from_a_time_delivers_exactly_the_events_after_it_again_with_their_ids() throws Exception {
        String tenant = "replay-" + RUN;
        try (WebhookReceiver hook = new WebhookReceiver()) {
            String id = subscribe(tenant, hook.url(), "[\"dev.hyperplane.vm.started.v1\"]")
                    .extract().path("webhook.webhookId");
            String vmId = vm(tenant);
            bus.publish(new VmStarted(vmId, "host-before", Instant.now()));
            await().atMost(Duration.ofSeconds(30)).until(() -> hook.accepted().size() == 1);
            Thread.sleep(50);
            Instant from = Instant.now();
            Thread.sleep(50);
            bus.publish(new VmStarted(vmId, "host-after-1", Instant.now()));
            bus.publish(new VmStarted(vmId, "host-after-2", Instant.now()));
            await().atMost(Duration.ofSeconds(30)).until(() -> hook.accepted().size() == 3);
            List<String> afterIds = hook.accepted().stream().skip(1).map(WebhookReceiver.Request::webhookId).toList();

            as(tenant).body("{\"from\": \"" + from + "\"}").post("/api/v1/webhooks/" + id + "/replay").then()
                    .statusCode(202).body("queued", equalTo(2));
            await().atMost(Duration.ofSeconds(30)).until(() -> hook.accepted().size() == 5);
            assertThat(hook.accepted().stream().skip(3).map(WebhookReceiver.Request::webhookId)).containsExactlyElementsOf(afterIds);

            as(tenant).body("{\"from\": \"" + Instant.now().minus(Duration.ofDays(8)) + "\"}")
                    .post("/api/v1/webhooks/" + id + "/replay").then().statusCode(422)
                    .body("errors[0].field", equalTo("from"));
        }
    }

    @Test
    void a_receiver_that_never_answers_does_not_delay_another_subscription() throws Exception {
        String tenant = "slow-" + RUN;
        try (WebhookReceiver dead = new WebhookReceiver(); WebhookReceiver fast = new WebhookReceiver()) {
            dead.delaying(5_000);
            subscribe(tenant, dead.url(), "[\"dev.hyperplane.vm.*\"]");
            subscribe(tenant, fast.url(), "[\"dev.hyperplane.vm.*\"]");
            Instant published = Instant.now();
            List<String> vms = List.of(vm(tenant), vm(tenant), vm(tenant), vm(tenant), vm(tenant), vm(tenant));
            await().atMost(Duration.ofSeconds(30)).until(() -> fast.accepted().size() == vms.size());
            Instant fastDone = fast.accepted().get(vms.size() - 1).at();
            Instant deadFirst = dead.requests().get(0).at();
            System.out.printf("a dead endpoint beside: the fast subscription had all %d events %d ms after they were "
                    + "published; the dead one held %d requests, its first attempts timing out 2 s after %d ms%n",
                    vms.size(), Duration.between(published, fastDone).toMillis(), dead.requests().size(),
                    Duration.between(published, deadFirst).toMillis());
            // nothing of the fast subscription waited for the dead one's first attempts to time out (2 s in tests)
            assertThat(fastDone).isBefore(deadFirst.plusSeconds(2));
            // the dead endpoint holds at most max-in-flight requests at once
            assertThat(dead.requests().size()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void an_endpoint_that_answers_410_is_disabled_with_an_event_and_activating_it_resumes_deliveries()
            throws Exception {
        String tenant = "gone-" + RUN;
        try (WebhookReceiver hook = new WebhookReceiver()) {
            hook.answering(n -> n == 1 ? 410 : 200);
            String id = subscribe(tenant, hook.url(), "[\"dev.hyperplane.vm.*\"]").extract().path("webhook.webhookId");
            vm(tenant);
            WebhookDisabled disabled = bus.read(Topics.INTEGRATION_EVENTS, WebhookDisabled.class,
                    e -> e.webhookId().equals(id));
            assertThat(disabled.reason()).contains("410");
            assertThat(disabled.tenantId()).isEqualTo(tenant);
            as(tenant).get("/api/v1/webhooks/" + id).then().body("active", equalTo(false))
                    .body("disabledReason", equalTo(disabled.reason()));
            as(tenant).body("{\"active\": true}").patch("/api/v1/webhooks/" + id).then().statusCode(200)
                    .body("active", equalTo(true)).body("disabledReason", equalTo(null));
            // the event that met the 410 is delivered now, under the same id
            await().atMost(Duration.ofSeconds(30)).until(() -> hook.accepted().size() == 1);
            assertThat(hook.accepted().get(0).webhookId()).isEqualTo(hook.requests().get(0).webhookId());
        }
    }

    @Test
    void subscriptions_that_cannot_be_served_are_refused_with_the_field_and_the_reason() {
        String tenant = "bad-" + RUN;
        as(tenant).body("{\"url\": \"http://10.0.0.7/hook\", \"eventTypes\": [\"dev.hyperplane.vm.*\"]}")
                .post("/api/v1/webhooks").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("url"));
        as(tenant).body("{\"url\": \"ftp://hooks.example.com/\", \"eventTypes\": [\"dev.hyperplane.vm.*\"]}")
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("url"));
        as(tenant).body("{\"url\": \"https://hooks.example.com/\", \"eventTypes\": [\"dev.hyperplane.host.*\"]}")
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("eventTypes[0]"));
        as(tenant).body("{\"url\": \"https://hooks.example.com/\", \"eventTypes\": [\"dev.hyperplane.vm\"]}")
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("eventTypes[0]"));
        as(tenant).body("{\"url\": \"https://hooks.example.com/\", \"eventTypes\": []}")
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("eventTypes"));
        as(tenant).body("{\"url\": \"https://hooks.example.com/\", \"eventTypes\": [\"dev.hyperplane.vm.*\"], "
                        + "\"tenantId\": \"someone-else\"}")
                .post("/api/v1/webhooks").then().statusCode(403);
        // a fleet admin may subscribe to the fleet's events
        given().auth().oauth2(TOKENS.fleetAdmin()).contentType(ContentType.JSON)
                .body("{\"url\": \"https://hooks.example.com/\", \"eventTypes\": [\"dev.hyperplane.host.*\"]}")
                .post("/api/v1/webhooks").then().statusCode(201).body("webhook.tenantId", equalTo(null));
    }

    @Test
    void the_feed_serves_a_tenants_own_events_after_a_cursor_and_waits_for_the_next() {
        String acme = "feed-acme-" + RUN;
        String globex = "feed-globex-" + RUN;
        String acmeVm = vm(acme);
        vm(globex);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(acme).queryParam("limit", 500)
                .get("/api/v1/events").then().statusCode(200).body("events.data.vmId", hasItem(acmeVm)));
        List<String> tenants = as(acme).queryParam("limit", 500).get("/api/v1/events").then().extract()
                .path("events.tenantid");
        assertThat(tenants).isNotEmpty().containsOnly(acme);
        String next = as(acme).queryParam("limit", 500).get("/api/v1/events").then().extract().path("next");
        // a long poll that is answered when the next event arrives
        new Thread(() -> {
            sleep(1000);
            bus.publish(new VmStarted(acmeVm, "host-feed", Instant.now()));
        }).start();
        as(acme).queryParam("after", next).queryParam("wait", 20).get("/api/v1/events").then().statusCode(200)
                .body("events[0].data.hostId", equalTo("host-feed"));
        as(acme).queryParam("after", "not-a-cursor").get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("after"));
    }

    @Test
    void the_stream_serves_the_same_events_as_server_sent_events_resuming_after_the_last_event_id() throws Exception {
        String acme = "sse-acme-" + RUN;
        String acmeVm = vm(acme);
        vm("sse-globex-" + RUN);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(acme).get("/api/v1/events").then()
                .body("events.data.vmId", hasItem(acmeVm)));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/api/v1/events/stream"))
                .header("Authorization", "Bearer " + TOKENS.tenant("tenant-user", acme))
                .header("Accept", "text/event-stream").header("Last-Event-ID", "0").build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> lines = new ArrayList<>();
        Iterator<String> stream = response.body().iterator();
        // the VM's first event, then one published after the stream opened
        bus.publish(new VmStarted(acmeVm, "host-sse", Instant.now()));
        while (lines.stream().noneMatch(l -> l.contains("host-sse"))) {
            lines.add(stream.next());
        }
        response.body().close();
        List<String> ids = lines.stream().filter(l -> l.startsWith("id:")).toList();
        List<String> data = lines.stream().filter(l -> l.startsWith("data:")).toList();
        assertThat(ids).hasSameSizeAs(data).isNotEmpty();
        assertThat(data).allSatisfy(d -> assertThat(json(d.substring(5)).path("tenantid").asText()).isEqualTo(acme));
        assertThat(data.get(0)).contains(acmeVm).contains("dev.hyperplane.vm.requested.v1");
        // resumed after the first event: the rest, not the first again
        String first = ids.get(0).substring(3).trim();
        HttpResponse<Stream<String>> resumed = http.send(HttpRequest.newBuilder(request.uri())
                .header("Authorization", "Bearer " + TOKENS.tenant("tenant-user", acme))
                .header("Last-Event-ID", first).build(), HttpResponse.BodyHandlers.ofLines());
        String firstData = resumed.body().filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
        resumed.body().close();
        assertThat(firstData).isEqualTo(data.get(1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
