package dev.hyperplane.migration.api;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.VmMigratedOnHost;
import dev.hyperplane.events.host.HostMaintenanceChanged;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.events.migration.EvacuationEnded;
import dev.hyperplane.events.migration.EvacuationReturnStarted;
import dev.hyperplane.events.migration.EvacuationStarted;
import dev.hyperplane.events.migration.MigrationRequested;
import dev.hyperplane.events.migration.MigrationStarted;
import dev.hyperplane.events.vm.VmMigrationModeChanged;
import dev.hyperplane.events.vm.VmMoveRefused;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.migration.query.MigrationHosts;
import dev.hyperplane.migration.query.MigrationVms;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.platform.messaging.TestBus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Evacuations over real Kafka and PostgreSQL: the test plays inventory (hosts, maintenance), provisioning (VMs,
 * destinations reserved or refused, moves recorded) and the source host's agent (the hand-off).
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "migration"))
class EvacuationServiceTest {
    private static final DevTokens TOKENS = DevTokens.shared();
    private static final GuestOs UBUNTU = new GuestOs("linux", "Ubuntu", "20.04 LTS");
    private static TestBus bus;
    @Inject
    MigrationVms vms;
    @Inject
    MigrationHosts hosts;

    @BeforeAll
    static void connect() {
        bus = new TestBus();
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TOKENS.fleetAdmin());
    }

    @Test
    void a_host_is_emptied_as_each_vms_mode_allows_then_its_vms_return() {
        String host = "evac-" + UUID.randomUUID().toString().substring(0, 8);
        bus.publish(new HostRegistered(host, host, "agent-1", "2019", 16, 65536, 4096, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> hosts.inMaintenance(host).isPresent());
        String live = runningVm(host, null);
        String quick = runningVm(host, "quick");
        String pinned = runningVm(host, "none");
        String stopped = runningVm(host, null);
        bus.publish(new VmOperationCompleted(stopped, "stop-" + stopped, "stop", "Stopped", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> vms.find(stopped).orElseThrow().state().equals("Stopped"));

        String location = admin().contentType(ContentType.JSON).body("{\"hostId\": \"" + host + "\"}")
                .post("/api/v1/evacuations").then().statusCode(202).body("state", equalTo("running"))
                .extract().header("Location");
        String evacuationId = location.substring(location.lastIndexOf('/') + 1);
        admin().contentType(ContentType.JSON).body("{\"hostId\": \"" + host + "\"}").post("/api/v1/evacuations")
                .then().statusCode(409).contentType("application/problem+json");
        EvacuationStarted started = bus.read(Topics.MIGRATION_EVENTS, EvacuationStarted.class, e -> e.evacuationId().equals(evacuationId));
        assertThat(started.migrating()).containsExactlyInAnyOrder(live, quick);
        assertThat(started.unmovable()).extracting(EvacuationStarted.UnmovableVm::vmId)
                .containsExactlyInAnyOrder(pinned, stopped);
        MigrationRequested liveMove = bus.read(Topics.MIGRATION_EVENTS, MigrationRequested.class,
                e -> evacuationId.equals(e.causeId()) && e.vmId().equals(live));
        assertThat(liveMove.cause()).isEqualTo("evacuation");
        assertThat(liveMove.mode()).isEqualTo("live");
        MigrationRequested quickMove = bus.read(Topics.MIGRATION_EVENTS, MigrationRequested.class,
                e -> evacuationId.equals(e.causeId()) && e.vmId().equals(quick));
        assertThat(quickMove.mode()).isEqualTo("quick");

        // a VM placed on the host before its maintenance reached provisioning is moved too
        String late = runningVm(host, null);
        MigrationRequested lateMove = bus.read(Topics.MIGRATION_EVENTS, MigrationRequested.class,
                e -> evacuationId.equals(e.causeId()) && e.vmId().equals(late));

        // provisioning and the host: the live one moves, the others find no room
        bus.read(Topics.MIGRATION_EVENTS, MigrationStarted.class, e -> e.migrationId().equals(liveMove.migrationId()));
        bus.publish(new VmMoveStarted(live, liveMove.migrationId(), host, "h-dest", "evacuation", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/api/v1/migrations/"
                + liveMove.migrationId()).then().body("state", equalTo("copying")));
        bus.publish(new VmMigratedOnHost(host, live, "h-dest", 2, 90, 3000, Instant.now()));
        bus.publish(new VmMoved(live, liveMove.migrationId(), host, "h-dest", "evacuation", Instant.now()));
        for (MigrationRequested refused : List.of(quickMove, lateMove)) {
            bus.read(Topics.MIGRATION_EVENTS, MigrationStarted.class, e -> e.migrationId().equals(refused.migrationId()));
            bus.publish(new VmMoveRefused(refused.vmId(), refused.migrationId(), "no host can take the VM",
                    Instant.now()));
        }
        EvacuationEnded ended = bus.read(Topics.MIGRATION_EVENTS, EvacuationEnded.class, e -> e.evacuationId().equals(evacuationId));
        assertThat(ended.state()).isEqualTo("completed");
        assertThat(ended.moved()).isEqualTo(1);
        assertThat(ended.failed()).isEqualTo(4);
        assertThat(ended.hostEmpty()).isFalse();
        admin().get(location).then().statusCode(200).body("state", equalTo("completed"))
                .body("vms.find { it.vmId == '" + live + "' }.state", equalTo("completed"))
                .body("vms.find { it.vmId == '" + live + "' }.destinationHostId", equalTo("h-dest"))
                .body("vms.find { it.vmId == '" + pinned + "' }.state", equalTo("unmovable"))
                .body("vms.find { it.vmId == '" + pinned + "' }.reason",
                        equalTo("VM " + pinned + " has migration mode none: it is never moved"))
                .body("vms.find { it.vmId == '" + quick + "' }.reason",
                        equalTo("refused by provisioning: no host can take the VM"));
        admin().queryParam("host", host).get("/api/v1/evacuations").then()
                .body("items.evacuationId", equalTo(List.of(evacuationId)));

        // the return waits for inventory to take the host out of maintenance, then moves the live one back
        admin().post(location + "/return").then().statusCode(202).body("state", equalTo("returning"));
        bus.read(Topics.MIGRATION_EVENTS, EvacuationReturnStarted.class, e -> e.evacuationId().equals(evacuationId));
        bus.publish(new HostMaintenanceChanged(host, false, "evacuation returned", Instant.now()));
        MigrationRequested back = bus.read(Topics.MIGRATION_EVENTS, MigrationRequested.class,
                e -> evacuationId.equals(e.causeId()) && e.vmId().equals(live) && host.equals(e.targetHostId()));
        bus.read(Topics.MIGRATION_EVENTS, MigrationStarted.class, e -> e.migrationId().equals(back.migrationId()));
        bus.publish(new VmMoveRefused(live, back.migrationId(), "no host can take the VM", Instant.now()));
        EvacuationEnded returned = bus.read(Topics.MIGRATION_EVENTS, EvacuationEnded.class,
                e -> e.evacuationId().equals(evacuationId) && e.state().equals("returned"));
        assertThat(returned.failed()).isEqualTo(1);
        admin().post(location + "/return").then().statusCode(409);
    }

    @Test
    void a_host_whose_vms_have_all_moved_is_empty_before_provisioning_has_recorded_the_last_move() {
        String host = "lone-" + UUID.randomUUID().toString().substring(0, 8);
        bus.publish(new HostRegistered(host, host, "agent-1", "2019", 16, 65536, 4096, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> hosts.inMaintenance(host).isPresent());
        String vmId = runningVm(host, null);
        String location = admin().contentType(ContentType.JSON).body("{\"hostId\": \"" + host + "\"}")
                .post("/api/v1/evacuations").then().statusCode(202).extract().header("Location");
        String evacuationId = location.substring(location.lastIndexOf('/') + 1);
        MigrationRequested move = bus.read(Topics.MIGRATION_EVENTS, MigrationRequested.class,
                e -> evacuationId.equals(e.causeId()));
        bus.read(Topics.MIGRATION_EVENTS, MigrationStarted.class, e -> e.migrationId().equals(move.migrationId()));
        bus.publish(new VmMoveStarted(vmId, move.migrationId(), host, "h-dest", "evacuation", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/api/v1/migrations/"
                + move.migrationId()).then().body("state", equalTo("copying")));
        // the host hands the VM off; provisioning's VmMoved has not come (yet)
        bus.publish(new VmMigratedOnHost(host, vmId, "h-dest", 1, 40, 2000, Instant.now()));
        EvacuationEnded ended = bus.read(Topics.MIGRATION_EVENTS, EvacuationEnded.class,
                e -> e.evacuationId().equals(evacuationId));
        assertThat(ended.moved()).isEqualTo(1);
        assertThat(ended.hostEmpty()).isTrue();
    }

    @Test
    void a_cancel_drops_queued_moves_and_bad_requests_get_a_problem() {
        String host = "busy-" + UUID.randomUUID().toString().substring(0, 8);
        bus.publish(new HostRegistered(host, host, "agent-1", "2019", 16, 65536, 4096, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> hosts.inMaintenance(host).isPresent());
        List<String> onHost = List.of(runningVm(host, null), runningVm(host, null), runningVm(host, null));
        String location = admin().contentType(ContentType.JSON).body("{\"hostId\": \"" + host + "\"}")
                .post("/api/v1/evacuations").then().statusCode(202).extract().header("Location");
        String evacuationId = location.substring(location.lastIndexOf('/') + 1);
        // two per host at once: the third stays queued
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get(location).then()
                .body("vms.state", hasItem("queued")).body("vms.findAll { it.state == 'preparing' }.size()",
                        equalTo(2)));
        admin().post(location + "/cancel").then().statusCode(202).body("state", equalTo("cancelling"));
        admin().get(location).then().body("vms.state", hasItem("cancelled"));
        admin().post(location + "/cancel").then().statusCode(409);
        for (String vmId : onHost) {
            admin().queryParam("vm", vmId).queryParam("state", "preparing").get("/api/v1/migrations").then()
                    .extract().jsonPath().getList("items.migrationId", String.class)
                    .forEach(id -> bus.publish(new VmMoveRefused(vmId, id, "no host can take the VM", Instant.now())));
        }
        EvacuationEnded ended = bus.read(Topics.MIGRATION_EVENTS, EvacuationEnded.class, e -> e.evacuationId().equals(evacuationId));
        assertThat(ended.state()).isEqualTo("cancelled");

        admin().contentType(ContentType.JSON).body("{\"hostId\": \"no-such-host\"}").post("/api/v1/evacuations")
                .then().statusCode(404).contentType("application/problem+json");
        admin().contentType(ContentType.JSON).body("{}").post("/api/v1/evacuations").then().statusCode(400)
                .body("errors[0].field", equalTo("hostId"));
        admin().queryParam("state", "sideways").get("/api/v1/evacuations").then().statusCode(400);
        admin().get("/api/v1/evacuations/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(TOKENS.tenant("tenant-admin", "acme")).get("/api/v1/evacuations").then()
                .statusCode(403);
    }

    /** A VM as provisioning announces it, Running on {@code host} with a migration mode, known to the service. */
    private String runningVm(String host, String mode) {
        String vmId = "vm-" + UUID.randomUUID();
        bus.publish(new VmRequested(vmId, "acme", "web", 2, 4096, UBUNTU, 1, false, MemoryPlan.fixed(4096), "op-" + vmId,
                null, "admin@acme", Instant.now(), mode, null));
        bus.publish(new VmStarted(vmId, host, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> vms.find(vmId).map(vm -> vm.state().equals("Running"))
                .orElse(false));
        return vmId;
    }
}
