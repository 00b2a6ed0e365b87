package dev.hyperplane.inventory.api;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.GuestHeartbeatChanged;
import dev.hyperplane.events.agent.GuestInfoReported;
import dev.hyperplane.events.agent.HostAnnounced;
import dev.hyperplane.events.migration.EvacuationReturnStarted;
import dev.hyperplane.events.migration.EvacuationStarted;
import dev.hyperplane.events.agent.AgentHeartbeat;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.events.agent.CrashDumpReported;
import dev.hyperplane.events.agent.HotAddFailedOnHost;
import dev.hyperplane.events.agent.IntegrationServicesNegotiated;
import dev.hyperplane.events.agent.VmMigratedOnHost;
import dev.hyperplane.events.agent.VmStateChangedOnHost;
import dev.hyperplane.events.agent.VmbusChannelsOpened;
import dev.hyperplane.events.agent.VmbusConnectedOnHost;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "inventory_test"))
class InventoryTest {
    private static final String ADMIN = DevTokens.shared().fleetAdmin();
    private static KafkaTestClient kafka;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forTestInfrastructure();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void an_announced_host_is_registered_once_and_listed() {
        String hostId = "host-" + UUID.randomUUID();
        var announced = new HostAnnounced(hostId, "hv-x", "agent-9", "2016", 16, 131072, 2048, NOW);
        publish(announced, UUID.randomUUID().toString());
        publish(announced, UUID.randomUUID().toString()); // the agent restarted and announced again

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/api/v1/hosts/" + hostId)
                .then().statusCode(200)
                .body("windowsServerVersion", equalTo("2016"))
                .body("memoryMb", equalTo(131072)));
        given().auth().oauth2(ADMIN).queryParam("limit", 500).get("/api/v1/hosts").then().statusCode(200)
                .body("items.hostId", hasItem(hostId));

        var registered = kafka.readUntil(Topics.HOST_EVENTS, Duration.ofSeconds(5), seen -> false).stream()
                .map(CloudEventCodec::decode).map(InboundEvent::data)
                .filter(e -> e instanceof HostRegistered h && h.hostId().equals(hostId)).toList();
        assertThat(registered).hasSize(1);
    }

    @Test
    void tenants_see_their_own_vms_only_and_hosts_are_for_fleet_admins() {
        String vmId = "vm-" + UUID.randomUUID();
        publish(new VmRequested(vmId, "acme", "t-1", 1, 1024, new GuestOs("linux", "Debian", "11"), 1, false,
                MemoryPlan.fixed(1024), "op-1", null, "admin@acme", NOW, null, null), "t1-" + vmId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/fleet/vms/" + vmId).then().statusCode(200));
        DevTokens tokens = DevTokens.shared();
        given().auth().oauth2(tokens.tenant("tenant-user", "acme")).get("/api/v1/fleet/vms/" + vmId).then()
                .statusCode(200);
        given().auth().oauth2(tokens.tenant("tenant-user", "acme")).queryParam("distribution", "Debian").queryParam("limit", 500)
                .get("/api/v1/fleet/vms").then().statusCode(200).body("items.vmId", hasItem(vmId));
        given().auth().oauth2(tokens.tenant("tenant-user", "acme")).queryParam("distro", "Ubuntu").queryParam("limit", 500)
                .get("/api/v1/fleet/vms").then().statusCode(200).body("items.vmId", not(hasItem(vmId)));
        given().auth().oauth2(tokens.tenant("tenant-admin", "globex")).get("/api/v1/fleet/vms/" + vmId).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(tokens.tenant("tenant-admin", "globex")).queryParam("tenant", "acme")
                .get("/api/v1/fleet/vms").then().statusCode(404);
        given().auth().oauth2(tokens.tenant("tenant-admin", "acme")).get("/api/v1/hosts").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(tokens.tenant("tenant-user", "acme")).get("/api/v1/guest-os").then().statusCode(200);
        for (String path : new String[] {"/api/v1/hosts", "/api/v1/fleet/vms", "/api/v1/guest-os"}) {
            given().get(path).then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void vm_events_build_the_fleet_view_and_duplicates_change_nothing() {
        String vmId = "vm-" + UUID.randomUUID();
        publish(new VmRequested(vmId, "acme", "db-1", 4, 8192, new GuestOs("linux", "Ubuntu", "20.04 LTS"), 1, false, MemoryPlan.fixed(8192), "op-1", null, "admin@acme", NOW, null, null), "e1-" + vmId);
        publish(new VmPlaced(vmId, "h-7", NOW), "e2-" + vmId);
        publish(new VmStarted(vmId, "h-7", NOW), "e3-" + vmId);
        // a replayed VmRequested with the same CloudEvent id must not reset anything
        publish(new VmRequested(vmId, "acme", "renamed", 4, 8192, new GuestOs("linux", "Ubuntu", "20.04 LTS"), 1, false, MemoryPlan.fixed(8192), "op-1", null, "admin@acme", NOW, null, null), "e1-" + vmId);
        String marker = "marker-" + vmId;
        publish(new VmPlaced(marker, "h-7", NOW), "e4-" + vmId); // processed after the duplicate

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/fleet/vms/" + marker).then().statusCode(200));
        given().auth().oauth2(ADMIN).get("/api/v1/fleet/vms/" + vmId).then().statusCode(200)
                .body("state", equalTo("Running"))
                .body("hostId", equalTo("h-7"))
                .body("name", equalTo("db-1"))
                .body("guestDistribution", equalTo("Ubuntu"));
        given().auth().oauth2(ADMIN).queryParam("tenant", "acme").queryParam("state", "Running").queryParam("limit", 500)
                .get("/api/v1/fleet/vms").then().statusCode(200).body("items.vmId", hasItem(vmId));
    }

    @Test
    void what_the_host_reports_shows_in_the_fleet_view() {
        String vmId = "vm-" + UUID.randomUUID();
        publish(new VmStateChangedOnHost("h-9", vmId, "Starting", "Running", "booted", 1000, NOW), "a1-" + vmId);
        publish(new GuestHeartbeatChanged("h-9", vmId, "Ok", NOW), "a2-" + vmId);
        publish(new GuestInfoReported("h-9", vmId, "db-1.example", "10.1.2.3", "fd00::3", "Ubuntu", "20.04 LTS",
                "Built-in", "x86_64", NOW), "a3-" + vmId);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/api/v1/fleet/vms/" + vmId).then()
                .statusCode(200)
                .body("powerState", equalTo("Running"))
                .body("heartbeat", equalTo("Ok"))
                .body("fqdn", equalTo("db-1.example"))
                .body("ipv4", equalTo("10.1.2.3"))
                .body("osVersion", equalTo("20.04 LTS"))
                .body("hostId", equalTo("h-9")));
    }

    @Test
    void a_vms_crash_dumps_page_newest_first_and_one_arriving_meanwhile_is_not_seen_twice() {
        String vmId = "vm-" + UUID.randomUUID();
        publish(new VmRequested(vmId, "acme", "dumps-1", 2, 2048, new GuestOs("linux", "Ubuntu", "20.04"), 1, false,
                MemoryPlan.fixed(2048), "op-1", null, "admin@acme", NOW, null, null), "p1-" + vmId);
        for (int i = 1; i <= 3; i++) {
            publish(new CrashDumpReported("h-1", vmId, true, 512, "panic " + i, 1000L * i, NOW.plusSeconds(i)),
                    "p-dump-" + i + "-" + vmId);
        }
        String dumps = "/api/v1/fleet/vms/" + vmId + "/crash-dumps";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get(dumps)
                .then().statusCode(200).body("items.size()", equalTo(3)));

        String cursor = given().auth().oauth2(ADMIN).queryParam("limit", 2).get(dumps).then().statusCode(200)
                .body("items.reason", contains("panic 3", "panic 2")).extract().path("nextCursor");
        publish(new CrashDumpReported("h-1", vmId, true, 512, "panic 4", 4000, NOW.plusSeconds(4)),
                "p-dump-4-" + vmId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get(dumps)
                .then().body("items.size()", equalTo(4)));
        given().auth().oauth2(ADMIN).queryParam("limit", 2).queryParam("cursor", cursor).get(dumps).then()
                .statusCode(200).body("items.reason", contains("panic 1")).body("nextCursor", equalTo(null));
        given().auth().oauth2(ADMIN).queryParam("cursor", "yesterday").get(dumps).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void lis_capabilities_channels_memory_crash_dumps_and_hot_add_failures_show_per_vm() {
        String vmId = "vm-" + UUID.randomUUID();
        String host = "h-" + UUID.randomUUID();
        publish(new VmRequested(vmId, "acme", "dm-1", 2, 2048, new GuestOs("linux", "RHEL", "6.4"), 1, false,
                new MemoryPlan(true, 1024, 8192, 20, 50), "op-1", null, "admin@acme", NOW, null, null), "d1-" + vmId);
        publish(new VmStateChangedOnHost(host, vmId, "Starting", "Running", "booted", 1000, NOW), "d2-" + vmId);
        publish(new VmbusConnectedOnHost(host, vmId, "3.0", 11, 1100, NOW), "d3-" + vmId);
        publish(new VmbusChannelsOpened(host, vmId, List.of(
                new VmbusChannelsOpened.Channel("NETWORK", "0d1e-1", 0, 0),
                new VmbusChannelsOpened.Channel("NETWORK", "0d1e-1", 1, 1)), 1200, NOW), "d4-" + vmId);
        publish(new IntegrationServicesNegotiated(host, vmId, Map.of("HEARTBEAT", "3.0"), List.of("CORE", "DM_BALLOON"),
                Map.of("DM_HOTADD", "DM_HOTADD is not supported by RHEL 6.4"), 1300, NOW), "d5-" + vmId);
        publish(new HostTelemetry(host, 2000, 100_000, List.of(new HostTelemetry.VmSample(vmId, "Running", 1536, 1700,
                110, "Ok")), Instant.now()), UUID.randomUUID().toString());
        publish(new CrashDumpReported(host, vmId, false, 0, "the crash kernel cannot re-attach to VMBus", 3000, NOW),
                "d6-" + vmId);
        publish(new CrashDumpReported(host, vmId, false, 0, "the crash kernel cannot re-attach to VMBus", 3000, NOW),
                "d6-" + vmId); // redelivered: still one dump
        publish(new HotAddFailedOnHost(host, vmId, true, "the guest reported success with 0 pages", 4000, NOW),
                "d7-" + vmId);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .get("/api/v1/fleet/vms/" + vmId).then().statusCode(200)
                .body("lis.supportedFeatures", hasItem("DM_BALLOON"))
                .body("lis.unsupportedFeatures.DM_HOTADD", containsString("RHEL 6.4"))
                .body("lis.integrationServices.HEARTBEAT", equalTo("3.0"))
                .body("vmbus.version", equalTo("3.0"))
                .body("vmbus.channels.targetVcpu", org.hamcrest.Matchers.contains(0, 1))
                .body("memory.dynamic", equalTo(true))
                .body("memory.maximumMb", equalTo(8192))
                .body("memory.assignedMb", equalTo(1536))
                .body("memory.pressure", equalTo(110)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN)
                .get("/api/v1/fleet/vms/" + vmId + "/hot-add-failures").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].permanent", equalTo(true)));
        given().auth().oauth2(ADMIN).get("/api/v1/fleet/vms/" + vmId + "/crash-dumps").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].captured", equalTo(false))
                .body("items[0].reason", containsString("re-attach"))
                .body("nextCursor", equalTo(null));
        DevTokens tokens = DevTokens.shared();
        given().auth().oauth2(tokens.tenant("tenant-user", "globex")).get("/api/v1/fleet/vms/" + vmId + "/crash-dumps")
                .then().statusCode(404);
        given().auth().oauth2(tokens.tenant("tenant-user", "acme")).get("/api/v1/fleet/vms/" + vmId + "/crash-dumps")
                .then().statusCode(200);
    }

    @Test
    void a_live_migrated_vm_moves_to_its_destination_whatever_order_the_hosts_report_in() {
        String vmId = "vm-" + UUID.randomUUID();
        publish(new VmStateChangedOnHost("h-src", vmId, "Starting", "Running", "booted", 1000, NOW), "m1-" + vmId);
        // the destination's report overtakes the source's
        publish(new VmStateChangedOnHost("h-dst", vmId, "Off", "Running", "live migration in", 500, NOW), "m2-" + vmId);
        publish(new VmStateChangedOnHost("h-src", vmId, "Running", "Off", "live migration to h-dst", 2000, NOW), "m3-" + vmId);
        publish(new VmMigratedOnHost("h-src", vmId, "h-dst", 2, 150, 2000, NOW), "m4-" + vmId);
        String marker = "marker-" + vmId; // after the source's reports, on their partition
        publish(new GuestHeartbeatChanged("h-src", marker, "Ok", NOW), "m5-" + vmId);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/fleet/vms/" + marker).then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/fleet/vms/" + vmId).then().statusCode(200)
                        .body("hostId", equalTo("h-dst"))
                        .body("powerState", equalTo("Running")));
    }

    @Test
    void a_silent_host_becomes_unreachable_and_its_next_report_makes_it_ready() {
        String hostId = "host-" + UUID.randomUUID();
        publish(new HostAnnounced(hostId, "hv-q", "agent-9", "2019", 16, 65536, 2048, NOW), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/api/v1/hosts/" + hostId).then()
                .statusCode(200).body("state", equalTo("Unreachable"))
                .body("statusReason", containsString("while its agent is alive")));

        publish(new HostTelemetry(hostId, 1000, 60000, List.of(), Instant.now()), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/api/v1/hosts/" + hostId).then()
                .body("state", equalTo("Ready")).body("health", equalTo("Ready")));
    }

    @Test
    void a_silent_host_whose_agent_is_silent_too_is_unknown_and_unreachable_once_the_agent_is_back() {
        String hostId = "host-" + UUID.randomUUID();
        String agentId = "agent-" + UUID.randomUUID();
        publish(new AgentHeartbeat(agentId, List.of(hostId), Instant.now().minusSeconds(60)),
                UUID.randomUUID().toString());
        publish(new HostAnnounced(hostId, "hv-u", agentId, "2019", 16, 65536, 2048, NOW), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/api/v1/hosts/" + hostId).then()
                .statusCode(200).body("state", equalTo("Unknown"))
                .body("statusReason", containsString("its agent has been silent")));

        // the agent is back (a restart) and beats on, the host still silent: after the limit it has failed
        Instant back = Instant.now();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            publish(new AgentHeartbeat(agentId, List.of(hostId), Instant.now()), UUID.randomUUID().toString());
            given().auth().oauth2(ADMIN).get("/api/v1/hosts/" + hostId).then().body("state", equalTo("Unreachable"));
        });
        assertThat(Duration.between(back, Instant.now())).as("the agent back gets the limit to report its host")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        publish(new HostTelemetry(hostId, 1000, 60000, List.of(), Instant.now()), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/api/v1/hosts/" + hostId).then()
                .body("state", equalTo("Ready")));
    }

    @Test
    void maintenance_takes_a_host_out_and_back() {
        String hostId = "host-" + UUID.randomUUID();
        publish(new HostAnnounced(hostId, "hv-m", "agent-9", "2019", 16, 65536, 2048, NOW), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/api/v1/hosts/" + hostId).then()
                .statusCode(200));

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"enabled\": true, \"reason\": \"firmware\"}")
                .put("/api/v1/hosts/" + hostId + "/maintenance").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/api/v1/hosts/" + hostId).then()
                .body("state", equalTo("Maintenance")).body("statusReason", equalTo("firmware")));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"enabled\": false}")
                .put("/api/v1/hosts/" + hostId + "/maintenance").then().statusCode(202);
        // meanwhile the host, which sends no telemetry here, went Unreachable: out of maintenance that shows
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/api/v1/hosts/" + hostId).then()
                .body("inMaintenance", equalTo(false))
                .body("state", equalTo("Unreachable"))
                .body("statusReason", containsString("while its agent is alive")));

        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"enabled\": true}")
                .put("/api/v1/hosts/no-such-host/maintenance").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{}")
                .put("/api/v1/hosts/" + hostId + "/maintenance").then().statusCode(400)
                .body("errors[0].field", equalTo("enabled"));
    }

    @Test
    void an_evacuation_puts_its_host_into_maintenance_and_its_return_takes_it_out() {
        String hostId = "host-" + UUID.randomUUID();
        publish(new HostAnnounced(hostId, "hv-e", "agent-9", "2019", 16, 65536, 2048, NOW), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/api/v1/hosts/" + hostId).then()
                .statusCode(200));
        publish(new EvacuationStarted("ev-" + hostId, hostId, List.of(), List.of(), "admin", NOW), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/api/v1/hosts/" + hostId).then()
                .body("inMaintenance", equalTo(true)).body("statusReason", equalTo("evacuation ev-" + hostId)));
        publish(new EvacuationReturnStarted("ev-" + hostId, hostId, "admin", NOW), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ADMIN).get("/api/v1/hosts/" + hostId).then()
                .body("inMaintenance", equalTo(false)));
    }

    @Test
    void unknown_host_is_a_problem_404() {
        given().auth().oauth2(ADMIN).get("/api/v1/hosts/no-such-host").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("https://hyperplane.dev/problems/not-found"))
                .body("detail", equalTo("host no-such-host does not exist"));
    }

    @Test
    void an_out_of_range_limit_names_the_field() {
        given().auth().oauth2(ADMIN).queryParam("limit", 0).get("/api/v1/fleet/vms").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
    }

    private static void publish(PublicEvent event, String id) {
        kafka.send(CloudEventCodec.encode(event, id, "/test", NOW, null, null));
    }
}
