package dev.hyperplane.memory.api;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.GuestInfoReported;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.events.agent.SetVmMemoryOnHost;
import dev.hyperplane.events.agent.VmSettingsChangedOnHost;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.events.memory.MemoryAlertRaised;
import dev.hyperplane.events.memory.MemoryRebalanceRequested;
import dev.hyperplane.events.migration.MigrationCompleted;
import dev.hyperplane.events.migration.MigrationEnded;
import dev.hyperplane.events.migration.MigrationRequested;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The memory balancer on a real Kafka broker and PostgreSQL: facts and telemetry in from the topics, policies
 * through the API, decisions, alerts and policy pushes out to the topics. The control loop runs every second
 * here (hold 2 s, starvation window 2 s).
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "memory_test"))
class MemoryBalancerTest {
    private static final long GB = 1024;
    private static KafkaTestClient kafka;
    private static ScheduledExecutorService telemetry;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forTestInfrastructure();
        telemetry = Executors.newScheduledThreadPool(1);
    }

    @AfterAll
    static void disconnect() {
        telemetry.shutdownNow();
        kafka.close();
    }

    @Test
    void a_host_that_stays_hot_gets_a_rebalance_decision_and_alerts_that_clear_when_it_cools() {
        String hot = "mb-hot-" + suffix();
        String cool = "mb-cool-" + suffix();
        registerHost(hot, 16 * GB);
        registerHost(cool, 1024 * GB); // other tests' hosts are destinations too: this one is the coolest
        String v1 = vm("acme", hot, ubuntu(), 4 * GB, new MemoryPlan(true, GB, 16 * GB, 20, 50));
        String v2 = vm("acme", hot, ubuntu(), 4 * GB, new MemoryPlan(true, GB, 16 * GB, 20, 50));
        String v3 = vm("acme", hot, ubuntu(), 4 * GB, new MemoryPlan(true, GB, 16 * GB, 20, 50));
        // 8000 + 6000 + 4000 MB needed of 16384: 110 %; v1 holds 6000 of its 8000 (133 %)
        var sender = every500ms(() -> List.of(
                telemetry(hot, sample(v1, 6000, 8000), sample(v2, 6000, 6000), sample(v3, 4000, 4000)),
                telemetry(cool)));

        // v2 is the smallest VM whose move takes the host back to 80 % or below
        var decision = awaitEvent(Topics.MEMORY_EVENTS, MemoryRebalanceRequested.class,
                d -> d.fromHostId().equals(hot));
        assertThat(decision.vmId()).isEqualTo(v2);
        assertThat(decision.toHostId()).isEqualTo(cool);
        assertThat(decision.hostPressure()).isEqualTo(110);
        assertThat(decision.reason()).contains(hot + " at 110 %", "takes it to 73 %");
        admin().queryParam("host", hot).get("/api/v1/memory/rebalances").then().statusCode(200)
                .body("items.decision.vmId", equalTo(List.of(v2)));
        admin().get("/api/v1/memory/hosts/" + hot).then().statusCode(200)
                .body("pressure", equalTo(110)).body("hot", equalTo(true)).body("capacityMb", equalTo(16384))
                .body("vms.find { it.vmId == '" + v1 + "' }.pressure", equalTo(133));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/api/v1/memory/alerts").then()
                .statusCode(200).body("items.subject", hasItem("host-overcommitted/" + hot))
                .body("items.subject", hasItem("vm-starved/" + v1)));
        var starved = awaitEvent(Topics.MEMORY_EVENTS, MemoryAlertRaised.class, a -> v1.equals(a.vmId()));
        assertThat(starved.kind()).isEqualTo("vm-starved");
        // one decision per hot episode until the cooldown (2 minutes): later rounds add none
        admin().queryParam("host", hot).get("/api/v1/memory/rebalances").then().body("items.size()", equalTo(1));

        // the migration service takes the decision up and it fails: the host's cooldown is released, and the next
        // round decides again at once
        String failedMove = "mig-" + suffix();
        publish(new MigrationRequested(failedMove, v2, cool, "minimal-downtime", "live", "rebalance",
                "memory-balancer", Instant.now(), hot, decision.decisionId()));
        publish(new MigrationEnded(failedMove, v2, "failed", "refused by provisioning: no room on " + cool,
                Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().queryParam("host", hot)
                .get("/api/v1/memory/rebalances").then().body("items.size()", equalTo(2))
                .body("items[1].outcome.state", equalTo("failed"))
                .body("items[1].outcome.migrationId", equalTo(failedMove))
                .body("items[1].outcome.reason", equalTo("refused by provisioning: no room on " + cool)));
        String second = admin().queryParam("host", hot).get("/api/v1/memory/rebalances").then().extract()
                .path("items[0].decision.decisionId");
        String move = "mig-" + suffix();
        publish(new MigrationRequested(move, v2, cool, "minimal-downtime", "live", "rebalance", "memory-balancer",
                Instant.now(), hot, second));
        publish(new MigrationCompleted(move, v2, hot, cool, 3, 120, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().queryParam("host", hot)
                .get("/api/v1/memory/rebalances").then().body("items[0].outcome.state", equalTo("completed")));
        // a completed decision keeps its cooldown: no third decision while it takes effect
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                admin().queryParam("host", hot).get("/api/v1/memory/rebalances").then()
                        .body("items.size()", equalTo(2)));

        sender.cancel(false);
        sender = every500ms(() -> List.of(telemetry(hot, sample(v1, 4000, 3000), sample(v2, 6000, 3000),
                sample(v3, 4000, 3000)), telemetry(cool)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().queryParam("state", "all")
                .get("/api/v1/memory/alerts").then()
                .body("items.findAll { it.hostId == '" + hot + "' && it.clearedAt != null }.subject",
                        containsInAnyOrder("host-overcommitted/" + hot, "vm-starved/" + v1)));
        admin().get("/api/v1/memory/hosts/" + hot).then().body("hot", equalTo(false));
        sender.cancel(false);
    }

    @Test
    void a_vm_policy_is_checked_against_its_guest_then_pushed_to_its_host_until_the_host_reports_it() {
        String host = "mb-policy-" + suffix();
        registerHost(host, 64 * GB);
        String vmId = vm("acme", host, ubuntu(), 2 * GB, new MemoryPlan(true, GB, 8 * GB, 20, 50));

        putPolicy(vmId, """
                        {"dynamic": true, "minimumMb": 500, "maximumMb": 8000}""")
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("minimumMb", "maximumMb"))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("multiples of 128 MB"));
        // provisioning approved 8 GB at most (the tenant's quota counts it): more is a resize through provisioning
        putPolicy(vmId, """
                        {"dynamic": true, "minimumMb": 512, "maximumMb": 16384}""").statusCode(422)
                .body("errors.field", equalTo(List.of("maximumMb")))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("8192 MB provisioning approved"));
        putPolicy(vmId, "{\"minimumMb\": 512}").statusCode(400)
                .body("errors.field", hasItem(org.hamcrest.Matchers.endsWith("dynamic")));

        putPolicy(vmId, """
                        {"dynamic": true, "minimumMb": 512, "maximumMb": 8192, "priority": 80}""").statusCode(200)
                .body("source", equalTo("vm")).body("version", equalTo(1)).body("startupMb", equalTo(2048))
                .body("memory.maximumMb", equalTo(8192)).body("memory.priority", equalTo(80))
                .body("memory.bufferPercent", equalTo(20)).body("onHost.memory.maximumMb", equalTo(8192));

        SetVmMemoryOnHost push = awaitEvent(Topics.AGENT_COMMANDS, SetVmMemoryOnHost.class,
                c -> c.vmId().equals(vmId));
        assertThat(push.hostId()).isEqualTo(host);
        assertThat(push.commandId()).isEqualTo(vmId + "/memory@vm-v1@" + host);
        assertThat(push.memory()).isEqualTo(new MemoryPlan(true, 512, 8192, 20, 80));
        publish(new AgentCommandCompleted(push.commandId(), host, vmId, Instant.now()));
        publish(new VmSettingsChangedOnHost(host, vmId, 2, 2048, push.memory(), 1000, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin()
                .get("/api/v1/memory/policies/vms/" + vmId).then().statusCode(200)
                .body("push.state", equalTo("applied")).body("onHost.memory.maximumMb", equalTo(8192)));
    }

    @Test
    void a_policy_the_host_refuses_shows_the_hosts_reason() {
        String host = "mb-refuse-" + suffix();
        registerHost(host, 64 * GB);
        String vmId = vm("acme", host, ubuntu(), 2 * GB, new MemoryPlan(true, GB, 8 * GB, 20, 50));

        putPolicy(vmId, """
                        {"dynamic": true, "minimumMb": 1024, "maximumMb": 4096}""").statusCode(200);
        SetVmMemoryOnHost push = awaitEvent(Topics.AGENT_COMMANDS, SetVmMemoryOnHost.class,
                c -> c.vmId().equals(vmId));
        publish(new AgentCommandRejected(push.commandId(), host, vmId, "lowering the maximum of a running VM needs "
                + "RUNTIME_RESIZE"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin()
                .get("/api/v1/memory/policies/vms/" + vmId).then()
                .body("push.state", equalTo("rejected"))
                .body("push.reason", org.hamcrest.Matchers.containsString("RUNTIME_RESIZE")));
    }

    @Test
    void balloon_only_and_32_bit_guests_are_refused_what_they_cannot_do() {
        String host = "mb-guests-" + suffix();
        registerHost(host, 64 * GB);
        String rhel64 = vm("acme", host, new GuestOs("linux", "RHEL/CentOS", "6.4"), 2 * GB,
                new MemoryPlan(true, GB, 2 * GB, 20, 50));
        String i686 = vm("acme", host, ubuntu(), 2 * GB, MemoryPlan.fixed(2 * GB));
        publish(new GuestInfoReported(host, i686, "x.example", "10.0.0.9", "fd00::9", "Ubuntu", "20.04 LTS",
                "Built-in", "i686", Instant.now()));

        putPolicy(rhel64, """
                        {"dynamic": true, "minimumMb": 512, "maximumMb": 4096}""").statusCode(422)
                .body("errors.field", equalTo(List.of("maximumMb")))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("DM_HOTADD"));
        putPolicy(rhel64, """
                        {"dynamic": true, "minimumMb": 512, "maximumMb": 2048}""").statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> putPolicy(i686, """
                        {"dynamic": true, "minimumMb": 512, "maximumMb": 4096}""").statusCode(422)
                .body("errors.field", equalTo(List.of("dynamic")))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("64-bit")));
    }

    @Test
    void a_tenant_plan_reaches_its_vms_without_their_own_policy_and_tenants_see_only_their_own() {
        String host = "mb-plan-" + suffix();
        registerHost(host, 64 * GB);
        String tenant = "plan-" + suffix();
        String small = vm(tenant, host, ubuntu(), GB, new MemoryPlan(true, GB, 4 * GB, 20, 50));
        String approvedStatic = vm(tenant, host, ubuntu(), 2 * GB, MemoryPlan.fixed(2 * GB));
        String big = vm(tenant, host, new GuestOs("windows", "Windows Server", "2022"), 8 * GB,
                MemoryPlan.fixed(8 * GB));

        given().auth().oauth2(DevTokens.shared().tenant("tenant-admin", tenant)).contentType(ContentType.JSON)
                .body("""
                        {"dynamic": true, "minimumMb": 2048, "maximumMb": 4096, "bufferPercent": 30, "priority": 60}""")
                .put("/api/v1/memory/policies/tenants/" + tenant).then().statusCode(200)
                .body("memory.maximumMb", equalTo(4096)).body("version", equalTo(1));

        // each VM keeps its startup memory: the minimum is capped at it and the maximum raised to it
        var pushes = List.of(awaitEvent(Topics.AGENT_COMMANDS, SetVmMemoryOnHost.class, c -> c.vmId().equals(small)),
                awaitEvent(Topics.AGENT_COMMANDS, SetVmMemoryOnHost.class, c -> c.vmId().equals(big)));
        assertThat(pushes.get(0).memory()).isEqualTo(new MemoryPlan(true, 1024, 4096, 30, 60));
        assertThat(pushes.get(1).memory()).isEqualTo(new MemoryPlan(true, 2048, 8192, 30, 60));
        // a VM provisioning approved static may balloon down with the plan, never grow past its startup memory
        assertThat(awaitEvent(Topics.AGENT_COMMANDS, SetVmMemoryOnHost.class, c -> c.vmId().equals(approvedStatic))
                .memory()).isEqualTo(new MemoryPlan(true, 2048, 2048, 30, 60));
        tenantUser(tenant).get("/api/v1/memory/policies/vms/" + small).then().statusCode(200)
                .body("source", equalTo("tenant"));
        tenantUser("someone-else").get("/api/v1/memory/policies/vms/" + small).then().statusCode(404)
                .contentType("application/problem+json");
        tenantUser(tenant).contentType(ContentType.JSON).body("{\"dynamic\": false}")
                .put("/api/v1/memory/policies/vms/" + small).then().statusCode(403);
        tenantUser(tenant).get("/api/v1/memory/hosts").then().statusCode(403);
        given().get("/api/v1/memory/density").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void the_density_report_compares_what_vms_hold_with_static_memory() {
        String host = "mb-density-" + suffix();
        registerHost(host, 32 * GB);
        String a = vm("acme", host, ubuntu(), 4 * GB, new MemoryPlan(true, GB, 8 * GB, 20, 50));
        String b = vm("acme", host, ubuntu(), 4 * GB, new MemoryPlan(true, GB, 8 * GB, 20, 50));
        publish(telemetry(host, sample(a, 1536, 1200), sample(b, 2048, 1600)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().queryParam("host", host)
                .get("/api/v1/memory/density").then().statusCode(200)
                .body("hosts", equalTo(1)).body("vms", equalTo(2))
                .body("assignedMb", equalTo(3584)).body("staticMb", equalTo(8192)).body("savedMb", equalTo(4608))
                // 32 GB hold 8 VMs of 4 GB statically; at 1792 MB each they would hold 18.3: 2.29x
                .body("staticVmsPerHost", equalTo(8.0f)).body("densityGain", equalTo(2.29f))
                .body("vmPressure.'50-80'", equalTo(2)).body("vmPressure.'>120'", equalTo(0))
                .body("hostPressure.'0-50'", equalTo(1)));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static GuestOs ubuntu() {
        return new GuestOs("linux", "Ubuntu", "20.04 LTS");
    }

    private static void registerHost(String hostId, long memoryMb) {
        publish(new HostRegistered(hostId, hostId, "agent-t", "2019", 32, memoryMb, 0, Instant.now()));
    }

    /** A VM requested by provisioning and placed on the host; returns once the balancer knows it. */
    private static String vm(String tenant, String hostId, GuestOs os, long startupMb, MemoryPlan plan) {
        String vmId = "vm-" + suffix();
        publish(new VmRequested(vmId, tenant, vmId, 2, startupMb, os, 1, false, plan, "op-" + vmId, null, "test",
                Instant.now(), null, null));
        publish(new VmPlaced(vmId, hostId, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin()
                .get("/api/v1/memory/policies/vms/" + vmId).then().statusCode(200)
                .body("onHost.hostId", equalTo(hostId)));
        return vmId;
    }

    private static HostTelemetry.VmSample sample(String vmId, long assignedMb, long demandMb) {
        return new HostTelemetry.VmSample(vmId, "Running", assignedMb, demandMb,
                (int) Math.round(100.0 * demandMb / assignedMb), "Ok");
    }

    private static HostTelemetry telemetry(String hostId, HostTelemetry.VmSample... vms) {
        long assigned = List.of(vms).stream().mapToLong(HostTelemetry.VmSample::assignedMb).sum();
        return new HostTelemetry(hostId, 1000, 16 * GB - assigned, List.of(vms), Instant.now());
    }

    private static java.util.concurrent.ScheduledFuture<?> every500ms(Supplier<List<HostTelemetry>> samples) {
        return telemetry.scheduleAtFixedRate(() -> samples.get().forEach(MemoryBalancerTest::publish), 0, 500,
                TimeUnit.MILLISECONDS);
    }

    private static <T> T awaitEvent(String topic, Class<T> type, java.util.function.Predicate<T> match) {
        var records = kafka.readUntil(topic, Duration.ofSeconds(30), seen -> decode(seen).stream()
                .anyMatch(e -> type.isInstance(e) && match.test(type.cast(e))));
        return decode(records).stream().filter(type::isInstance).map(type::cast).filter(match).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " on " + topic));
    }

    private static List<PublicEvent> decode(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(CloudEventCodec::decode).map(InboundEvent::data).toList();
    }

    private static void publish(PublicEvent event) {
        kafka.send(CloudEventCodec.encode(event, UUID.randomUUID().toString(), "/test", Instant.now(), null, null));
    }

    private static ValidatableResponse putPolicy(String vmId, String json) {
        return admin().contentType(ContentType.JSON).body(json).put("/api/v1/memory/policies/vms/" + vmId).then();
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(DevTokens.shared().fleetAdmin());
    }

    private static RequestSpecification tenantUser(String tenant) {
        return given().auth().oauth2(DevTokens.shared().tenant("tenant-user", tenant));
    }
}
