package dev.hyperplane.migration.api;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.CancelMigrationOnHost;
import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.events.agent.MigrationPassCompletedOnHost;
import dev.hyperplane.events.agent.VmMigratedOnHost;
import dev.hyperplane.events.migration.MigrationCompleted;
import dev.hyperplane.events.memory.MemoryRebalanceRequested;
import dev.hyperplane.events.migration.MigrationEnded;
import dev.hyperplane.events.migration.MigrationRequested;
import dev.hyperplane.events.migration.MigrationStarted;
import dev.hyperplane.events.vm.VmMigrationModeChanged;
import dev.hyperplane.events.vm.VmMoveRefused;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.placement.MigrationMode;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.platform.messaging.TestBus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
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
 * The migration service over real Kafka and PostgreSQL: the test plays provisioning (VMs, reserved or refused
 * destinations on hyperplane.vm.events) and the source host's agent (passes, the hand-off, answers).
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "migration"))
class MigrationServiceTest {
    private static final DevTokens TOKENS = DevTokens.shared();
    private static final GuestOs UBUNTU = new GuestOs("linux", "Ubuntu", "20.04 LTS");
    private static TestBus bus;
    @jakarta.inject.Inject
    dev.hyperplane.migration.query.MigrationVms vms;

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
    void a_live_migration_goes_through_provisioning_and_the_host_pass_by_pass_to_completed() {
        String vmId = runningVm("h1");
        String location = admin().contentType(ContentType.JSON).body("{\"vmId\": \"" + vmId + "\", \"targetHostId\": \"h2\"}")
                .post("/api/v1/migrations").then().statusCode(202).body("state", equalTo("queued"))
                .body("policy", equalTo("minimal-downtime")).extract().header("Location");
        String migrationId = location.substring(location.lastIndexOf('/') + 1);
        MigrationStarted started = bus.read(Topics.MIGRATION_EVENTS, MigrationStarted.class,
                e -> e.migrationId().equals(migrationId));
        assertThat(started.targetHostId()).isEqualTo("h2");
        assertThat(started.sourceHostId()).isEqualTo("h1");
        assertThat(started.mode()).isEqualTo("live");
        admin().contentType(ContentType.JSON).body("{\"vmId\": \"" + vmId + "\"}").post("/api/v1/migrations").then()
                .statusCode(409).contentType("application/problem+json");

        bus.publish(new VmMoveStarted(vmId, migrationId, "h1", "h2", "manual", Instant.now()));
        MigrateVmOnHost migrate = bus.read(Topics.AGENT_COMMANDS, MigrateVmOnHost.class,
                e -> e.commandId().equals(migrationId));
        assertThat(migrate.hostId()).isEqualTo("h1");
        assertThat(migrate.destinationHostId()).isEqualTo("h2");
        assertThat(migrate.allowedDowntimeMs()).containsExactly(100L, 150L, 200L, 300L, 400L, 500L);
        assertThat(migrate.finalStopAndCopyMs()).isZero();

        Instant now = Instant.now();
        bus.publish(new MigrationPassCompletedOnHost("h1", vmId, "h2", 1, 4096, 700, 1000, now, 9000L, 100L));
        bus.publish(new MigrationPassCompletedOnHost("h1", vmId, "h2", 2, 700, 90, 2000, now, 1500L, 150L));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get(location).then()
                .body("state", equalTo("copying")).body("passCount", equalTo(2))
                .body("allowedDowntimeMs", equalTo(150)).body("passes.dirtyMb", equalTo(List.of(700, 90)))
                .body("passes.durationMs", equalTo(List.of(9000, 1500))));
        bus.publish(new VmMigratedOnHost("h1", vmId, "h2", 2, 120, 3000, now));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get(location).then()
                .body("state", equalTo("completed")).body("downtimeMs", equalTo(120))
                .body("destinationHostId", equalTo("h2")));
        assertThat(bus.read(Topics.MIGRATION_EVENTS, MigrationCompleted.class, e -> e.migrationId().equals(migrationId))
                .destinationHostId()).isEqualTo("h2");
        admin().queryParam("vm", vmId).get("/api/v1/migrations").then().statusCode(200)
                .body("items.migrationId", equalTo(List.of(migrationId)));
        admin().queryParam("host", "h2").queryParam("state", "completed").get("/api/v1/migrations").then()
                .body("items.migrationId", hasItem(migrationId));
    }

    @Test
    void a_refused_destination_ends_it_failed_with_provisionings_reason() {
        String vmId = runningVm("h1");
        String location = start(vmId);
        String migrationId = location.substring(location.lastIndexOf('/') + 1);
        bus.publish(new VmMoveRefused(vmId, migrationId, "no host can take the VM: h2: 512 MB free", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get(location).then()
                .body("state", equalTo("failed"))
                .body("failureReason", equalTo("refused by provisioning: no host can take the VM: h2: 512 MB free")));
    }

    @Test
    void a_cancel_stops_the_passes_on_the_host_and_ends_cancelled_when_the_host_confirms() {
        String vmId = runningVm("h1");
        String location = start(vmId);
        String migrationId = location.substring(location.lastIndexOf('/') + 1);
        bus.publish(new VmMoveStarted(vmId, migrationId, "h1", "h2", "manual", Instant.now()));
        bus.read(Topics.AGENT_COMMANDS, MigrateVmOnHost.class, e -> e.commandId().equals(migrationId));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get(location).then()
                .body("state", equalTo("copying")));

        admin().post(location + "/cancel").then().statusCode(202);
        CancelMigrationOnHost cancel = bus.read(Topics.AGENT_COMMANDS, CancelMigrationOnHost.class,
                e -> e.vmId().equals(vmId));
        assertThat(cancel.reason()).startsWith("cancelled by ");
        bus.publish(new AgentCommandRejected(migrationId, "h1", vmId, "live migration to h2 failed: " + cancel.reason()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get(location).then()
                .body("state", equalTo("cancelled")));
        admin().post(location + "/cancel").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void a_migration_whose_host_shows_no_progress_is_stopped_and_ends_failed() {
        String vmId = runningVm("h1");
        String location = start(vmId);
        String migrationId = location.substring(location.lastIndexOf('/') + 1);
        bus.publish(new VmMoveStarted(vmId, migrationId, "h1", "h2", "manual", Instant.now()));
        // no pass within the test's 15 s no-progress timeout: the host is told to stop
        CancelMigrationOnHost cancel = bus.read(Topics.AGENT_COMMANDS, CancelMigrationOnHost.class,
                e -> e.vmId().equals(vmId), Duration.ofSeconds(60));
        assertThat(cancel.reason()).isEqualTo("no pass finished within 15 s");
        bus.publish(new AgentCommandRejected(migrationId, "h1", vmId, "live migration to h2 failed: " + cancel.reason()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get(location).then()
                .body("state", equalTo("failed")).body("failureReason", equalTo(
                        "live migration to h2 failed: no pass finished within 15 s")));
    }

    @Test
    void bad_requests_get_a_problem_naming_the_field_and_the_policies_are_listed() {
        admin().contentType(ContentType.JSON).body("{\"vmId\": \"no-such-vm\"}").post("/api/v1/migrations").then()
                .statusCode(404).contentType("application/problem+json");
        String vmId = runningVm("h1");
        admin().contentType(ContentType.JSON).body("{\"vmId\": \"" + vmId + "\", \"policy\": \"post-copy\"}")
                .post("/api/v1/migrations").then().statusCode(422).body("errors[0].field", equalTo("policy"));
        admin().contentType(ContentType.JSON).body("{}").post("/api/v1/migrations").then().statusCode(400);
        admin().contentType(ContentType.JSON).body("{\"vmId\": \"" + vmId + "\", \"mode\": \"teleport\"}")
                .post("/api/v1/migrations").then().statusCode(400).body("errors[0].field", equalTo("mode"));
        bus.publish(new VmOperationCompleted(vmId, "stop-" + vmId, "stop", "Stopped", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> vms.find(vmId).orElseThrow().state().equals("Stopped"));
        admin().contentType(ContentType.JSON).body("{\"vmId\": \"" + vmId + "\"}").post("/api/v1/migrations").then()
                .statusCode(409).body("detail", equalTo("VM " + vmId + " is Stopped; only a Running VM migrates"));
        admin().queryParam("state", "flying").get("/api/v1/migrations").then().statusCode(400)
                .body("errors[0].field", equalTo("state"));
        admin().get("/api/v1/migrations/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(TOKENS.tenant("tenant-admin", "acme")).get("/api/v1/migrations").then().statusCode(403);
        admin().get("/api/v1/migration-policies").then().statusCode(200)
                .body("items.id", equalTo(List.of("minimal-downtime", "suspend-workload-if-needed")))
                .body("items[1].finalStopAndCopyMs", equalTo(5000));
    }

    @Test
    void migrations_sharing_a_host_wait_their_turn_in_order_and_a_policy_may_want_its_host_alone() {
        String busy = "busy-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> vms = List.of(runningVm(busy), runningVm(busy), runningVm(busy));
        List<String> ids = vms.stream().map(vm -> id(post("{\"vmId\": \"" + vm + "\"}"))).toList();
        // Hyper-V's default: two at once per host; the third waits
        bus.read(Topics.MIGRATION_EVENTS, MigrationStarted.class, e -> e.migrationId().equals(ids.get(1)));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                admin().get("/api/v1/migrations/" + ids.get(2)).then().body("state", equalTo("queued")));
        admin().queryParam("host", busy).queryParam("state", "queued").get("/api/v1/migrations").then()
                .body("items.migrationId", equalTo(List.of(ids.get(2))));
        bus.publish(new VmMoveRefused(vms.get(0), ids.get(0), "no host can take the VM", Instant.now()));
        assertThat(bus.read(Topics.MIGRATION_EVENTS, MigrationStarted.class, e -> e.migrationId().equals(ids.get(2)))
                .waitedMs()).isPositive();
        bus.publish(new VmMoveRefused(vms.get(1), ids.get(1), "no host can take the VM", Instant.now()));
        bus.publish(new VmMoveRefused(vms.get(2), ids.get(2), "no host can take the VM", Instant.now()));

        // suspend-workload-if-needed wants the host to itself: a later migration from it waits even below two
        String solo = "solo-" + UUID.randomUUID().toString().substring(0, 8);
        String aloneId = id(post("{\"vmId\": \"" + runningVm(solo) + "\", \"policy\": \"suspend-workload-if-needed\"}"));
        MigrationStarted alone = bus.read(Topics.MIGRATION_EVENTS, MigrationStarted.class,
                e -> e.migrationId().equals(aloneId));
        String next = id(post("{\"vmId\": \"" + runningVm(solo) + "\"}"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                admin().get("/api/v1/migrations/" + next).then().body("state", equalTo("queued")));
        bus.publish(new VmMoveRefused(alone.vmId(), alone.migrationId(), "no host can take the VM", Instant.now()));
        MigrationStarted nextStarted = bus.read(Topics.MIGRATION_EVENTS, MigrationStarted.class,
                e -> e.migrationId().equals(next));
        bus.publish(new VmMoveRefused(nextStarted.vmId(), next, "no host can take the VM", Instant.now()));
    }

    @Test
    void a_queued_migration_cancelled_ends_at_once_without_asking_anyone() {
        String crowded = "crowded-" + UUID.randomUUID().toString().substring(0, 8);
        String firstVm = runningVm(crowded);
        String first = id(post("{\"vmId\": \"" + firstVm + "\", \"policy\": \"suspend-workload-if-needed\"}"));
        bus.read(Topics.MIGRATION_EVENTS, MigrationStarted.class, e -> e.migrationId().equals(first));
        String waiting = id(post("{\"vmId\": \"" + runningVm(crowded) + "\"}"));
        admin().post("/api/v1/migrations/" + waiting + "/cancel").then().statusCode(202)
                .body("state", equalTo("cancelled"))
                .body("failureReason", equalTo("cancelled by admin@provider while queued"));
        bus.publish(new VmMoveRefused(firstVm, first, "no host can take the VM", Instant.now()));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                admin().get("/api/v1/migrations/" + waiting).then().body("state", equalTo("cancelled")));
    }

    @Test
    void a_vm_moves_only_as_its_migration_mode_allows() {
        String pinned = runningVm("h7");
        bus.publish(new VmMigrationModeChanged(pinned, "none", "admin@acme", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> vms.find(pinned).orElseThrow().mode() == MigrationMode.NONE);
        admin().contentType(ContentType.JSON).body("{\"vmId\": \"" + pinned + "\"}").post("/api/v1/migrations").then()
                .statusCode(409).body("detail", equalTo("VM " + pinned + " has migration mode none: it is never moved"));

        String quickOnly = runningVm("h7");
        bus.publish(new VmMigrationModeChanged(quickOnly, "quick", "admin@acme", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> vms.find(quickOnly).orElseThrow().mode() == MigrationMode.QUICK);
        admin().contentType(ContentType.JSON).body("{\"vmId\": \"" + quickOnly + "\", \"mode\": \"live\"}")
                .post("/api/v1/migrations").then().statusCode(409)
                .body("detail", equalTo("VM " + quickOnly + " has migration mode quick: it moves only by quick migration"));
        String quick = id(post("{\"vmId\": \"" + quickOnly + "\"}"));
        assertThat(bus.read(Topics.MIGRATION_EVENTS, MigrationStarted.class, e -> e.migrationId().equals(quick)).mode())
                .isEqualTo("quick");
        bus.publish(new VmMoveRefused(quickOnly, quick, "no host can take the VM", Instant.now()));
    }

    @Test
    void a_rebalance_decision_becomes_a_migration_and_one_that_cannot_work_ends_failed_with_the_reason() {
        String hot = "hot-" + UUID.randomUUID().toString().substring(0, 8);
        String vmId = runningVm(hot);
        String decisionId = hot + "@1764000000000#1";
        bus.publish(new MemoryRebalanceRequested(decisionId, vmId, hot, "h2", hot + " at 110 %", 110, 4096,
                Instant.now()));
        MigrationRequested requested = bus.read(Topics.MIGRATION_EVENTS, MigrationRequested.class,
                e -> decisionId.equals(e.causeId()));
        assertThat(requested.cause()).isEqualTo("rebalance");
        assertThat(requested.targetHostId()).isEqualTo("h2");
        assertThat(requested.sourceHostId()).isEqualTo(hot);
        MigrationStarted started = bus.read(Topics.MIGRATION_EVENTS, MigrationStarted.class,
                e -> e.migrationId().equals(requested.migrationId()));
        assertThat(started.cause()).isEqualTo("rebalance");
        // delivered again (another replica, a replay): the same migration, not a second one
        bus.publish(new MemoryRebalanceRequested(decisionId, vmId, hot, "h2", hot + " at 110 %", 110, 4096,
                Instant.now()));
        await().pollDelay(Duration.ofSeconds(2)).untilAsserted(() ->
                admin().queryParam("vm", vmId).get("/api/v1/migrations").then().body("items.migrationId",
                        equalTo(List.of(requested.migrationId()))));
        bus.publish(new VmMoveRefused(vmId, requested.migrationId(), "no host can take the VM", Instant.now()));

        String stale = "stale-" + UUID.randomUUID().toString().substring(0, 8);
        bus.publish(new MemoryRebalanceRequested(stale, vmId, "elsewhere", "h2", "elsewhere at 120 %", 120, 4096,
                Instant.now()));
        MigrationRequested refused = bus.read(Topics.MIGRATION_EVENTS, MigrationRequested.class,
                e -> stale.equals(e.causeId()));
        assertThat(bus.read(Topics.MIGRATION_EVENTS, MigrationEnded.class,
                e -> e.migrationId().equals(refused.migrationId())).reason())
                .isEqualTo("VM " + vmId + " has left elsewhere (now on " + hot + ")");
    }

    private static String post(String body) {
        return admin().contentType(ContentType.JSON).body(body).post("/api/v1/migrations").then().statusCode(202)
                .extract().header("Location");
    }

    private static String id(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Asks for a migration of the VM and waits until it got its turn (provisioning would reserve now). */
    private static String start(String vmId) {
        String location = post("{\"vmId\": \"" + vmId + "\"}");
        bus.read(Topics.MIGRATION_EVENTS, MigrationStarted.class, e -> e.migrationId().equals(id(location)));
        return location;
    }

    /** A VM as provisioning announces it, Running on {@code host}, known to the service. */
    private String runningVm(String host) {
        String vmId = "vm-" + UUID.randomUUID();
        bus.publish(new VmRequested(vmId, "acme", "web", 2, 4096, UBUNTU, 1, false, MemoryPlan.fixed(4096), "op-" + vmId,
                null, "admin@acme", Instant.now(), null, null));
        bus.publish(new VmStarted(vmId, host, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> vms.find(vmId).map(vm -> vm.state().equals("Running"))
                .orElse(false));
        return vmId;
    }
}
