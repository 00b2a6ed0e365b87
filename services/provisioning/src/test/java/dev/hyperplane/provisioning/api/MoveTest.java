package dev.hyperplane.provisioning.api;

import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentCommand;
import dev.hyperplane.events.agent.ChangeVmPowerOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.events.migration.HaGuestResetRequested;
import dev.hyperplane.events.migration.HaHostQuarantineEnded;
import dev.hyperplane.events.migration.HaHostQuarantined;
import dev.hyperplane.events.migration.MigrationCompleted;
import dev.hyperplane.events.migration.MigrationEnded;
import dev.hyperplane.events.migration.MigrationStarted;
import dev.hyperplane.events.vm.VmHaPriorityChanged;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmMoveRefused;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmPlaced;
import dev.hyperplane.placement.HaPriority;
import dev.hyperplane.placement.Placement;
import dev.hyperplane.placement.PlacementRequest;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.provisioning.query.PlacementStore;
import dev.hyperplane.provisioning.saga.VmPlacer;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.testsupport.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Moves over real Kafka and PostgreSQL: the test plays the migration service (its requests and outcomes on
 * hyperplane.migration.events) and the agent; provisioning reserves or refuses, and records the VM where it ends.
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning_moves"))
class MoveTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String HOST_A = "move-a-" + RUN;
    private static final String HOST_B = "move-b-" + RUN;
    private static final DevTokens TOKENS = DevTokens.shared();
    private static KafkaTestClient kafka;

    @Inject
    VmPlacer placer;
    @Inject
    PlacementStore store;
    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forTestInfrastructure();
    }

    @BeforeEach
    void registerHosts() {
        for (String host : List.of(HOST_A, HOST_B)) {
            publish(new HostRegistered(host, host, "agent-m", "2019", 32, 65536, 4096, Instant.now()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> store.candidates().stream()
                .filter(h -> h.hostId().equals(HOST_A) || h.hostId().equals(HOST_B)).count() == 2);
    }

    /** The other tests of this module share the database: this test's hosts, and what they hold, go. */
    @AfterEach
    void forgetTheHosts() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            String hosts = "host_id LIKE 'move-_-" + RUN + "' OR host_id LIKE 'race-%" + RUN + "'";
            s.execute("DELETE FROM placement_move WHERE " + hosts);
            s.execute("DELETE FROM placement_reservation WHERE " + hosts);
            s.execute("DELETE FROM placement_host WHERE " + hosts);
        }
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void a_vm_moves_and_every_later_command_goes_to_its_new_host_with_quota_unchanged() {
        String tenant = "move-" + UUID.randomUUID().toString().substring(0, 8);
        String vmId = runningVm(tenant);
        String source = given().auth().oauth2(TOKENS.fleetAdmin()).get("/api/v1/vms/" + vmId).then()
                .extract().path("hostId");
        String destination = source.equals(HOST_B) ? HOST_A : HOST_B;
        Object quota = given().auth().oauth2(TOKENS.fleetAdmin()).get("/api/v1/tenants/" + tenant + "/quota")
                .then().extract().path("usage");

        publish(new MigrationStarted("mig-" + vmId, vmId, "source", destination, "live", "manual", 0, Instant.now()));
        VmMoveStarted started = event(VmMoveStarted.class, e -> e.vmId().equals(vmId));
        assertThat(started.sourceHostId()).isEqualTo(source);
        assertThat(started.destinationHostId()).isEqualTo(destination);
        await().untilAsserted(() -> given().auth().oauth2(TOKENS.fleetAdmin()).get("/api/v1/vms/" + vmId).then()
                .body("state", equalTo("Moving")));
        given().auth().oauth2(TOKENS.tenant("tenant-admin", tenant)).post("/api/v1/vms/" + vmId + "/stop").then()
                .statusCode(409).contentType("application/problem+json");
        assertThat(store.candidates()).filteredOn(h -> h.hostId().equals(destination)).singleElement()
                .satisfies(h -> assertThat(h.reservedMb()).as("held for the move").isEqualTo(2048));

        publish(new MigrationCompleted("mig-" + vmId, vmId, source, destination, 3, 120, Instant.now()));
        await().untilAsserted(() -> given().auth().oauth2(TOKENS.fleetAdmin()).get("/api/v1/vms/" + vmId).then()
                .body("state", equalTo("Running")).body("hostId", equalTo(destination)));
        assertThat(store.candidates()).filteredOn(h -> h.hostId().equals(source)).singleElement()
                .satisfies(h -> assertThat(h.reservedMb()).isZero());
        given().auth().oauth2(TOKENS.fleetAdmin()).get("/api/v1/tenants/" + tenant + "/quota").then()
                .body("usage", equalTo(quota));
        given().auth().oauth2(TOKENS.tenant("tenant-admin", tenant)).post("/api/v1/vms/" + vmId + "/stop").then()
                .statusCode(202);
        ChangeVmPowerOnHost stop = command(ChangeVmPowerOnHost.class, vmId);
        assertThat(stop.hostId()).isEqualTo(destination);
        given().auth().oauth2(TOKENS.tenant("tenant-admin", tenant)).get("/api/v1/vms/" + vmId + "/events").then()
                .body("items.type", org.hamcrest.Matchers.hasItem("dev.hyperplane.vm.moved.v1"));
    }

    @Test
    void a_move_nowhere_is_refused_with_the_reason_and_an_abandoned_one_frees_its_destination() {
        String vmId = runningVm("move-" + UUID.randomUUID().toString().substring(0, 8));
        publish(new MigrationStarted("nowhere-" + vmId, vmId, "source", "no-such-host", "live", "manual", 0, Instant.now()));
        assertThat(event(VmMoveRefused.class, e -> e.vmId().equals(vmId)).reason())
                .isEqualTo("no host no-such-host is registered");

        publish(new MigrationStarted("mig-" + vmId, vmId, "source", null, "live", "manual", 0, Instant.now()));
        String destination = event(VmMoveStarted.class, e -> e.vmId().equals(vmId)).destinationHostId();
        long held = reservedOn(destination);
        publish(new MigrationEnded("mig-" + vmId, vmId, "failed", "did not converge", Instant.now()));
        await().untilAsserted(() -> given().auth().oauth2(TOKENS.fleetAdmin()).get("/api/v1/vms/" + vmId).then()
                .body("state", equalTo("Running")));
        assertThat(reservedOn(destination)).isEqualTo(held - 2048);
    }

    @Test
    void a_quarantined_host_takes_no_vm_until_its_quarantine_ends() {
        String vmId = runningVm("move-" + UUID.randomUUID().toString().substring(0, 8));
        String source = given().auth().oauth2(TOKENS.fleetAdmin()).get("/api/v1/vms/" + vmId).then()
                .extract().path("hostId");
        String quarantined = source.equals(HOST_B) ? HOST_A : HOST_B;
        publish(new HaHostQuarantined(quarantined, "incident-3", 3, "PT1H", Instant.now(),
                Instant.now().plusSeconds(7200)));
        await().atMost(Duration.ofSeconds(20)).until(() -> store.candidates().stream()
                .anyMatch(h -> h.hostId().equals(quarantined) && !h.available()));
        publish(new MigrationStarted("q-" + vmId, vmId, source, quarantined, "live", "manual", 0, Instant.now()));
        assertThat(event(VmMoveRefused.class, e -> e.vmId().equals(vmId)).reason()).contains(quarantined);

        publish(new HaHostQuarantineEnded(quarantined, "expired", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> store.candidates().stream()
                .anyMatch(h -> h.hostId().equals(quarantined) && h.available()));
        publish(new MigrationStarted("q2-" + vmId, vmId, source, quarantined, "live", "manual", 0, Instant.now()));
        assertThat(event(VmMoveStarted.class, e -> e.vmId().equals(vmId)).destinationHostId())
                .isEqualTo(quarantined);
    }

    @Test
    void a_vm_whose_mode_is_none_is_never_moved_and_its_tenant_can_change_that() {
        String tenant = "move-" + UUID.randomUUID().toString().substring(0, 8);
        String vmId = runningVm(tenant);
        String admin = TOKENS.tenant("tenant-admin", tenant);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"migrationMode\": \"sometimes\"}")
                .put("/api/v1/vms/" + vmId + "/migration-mode").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("migrationMode"));
        given().auth().oauth2(TOKENS.tenant("tenant-user", tenant)).contentType(ContentType.JSON)
                .body("{\"migrationMode\": \"none\"}").put("/api/v1/vms/" + vmId + "/migration-mode").then()
                .statusCode(403);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"migrationMode\": \"none\"}")
                .put("/api/v1/vms/" + vmId + "/migration-mode").then().statusCode(200)
                .body("migrationMode", equalTo("none"));

        publish(new MigrationStarted("pinned-" + vmId, vmId, "source", null, "quick", "manual", 0, Instant.now()));
        assertThat(event(VmMoveRefused.class, e -> e.vmId().equals(vmId)).reason())
                .isEqualTo("VM " + vmId + " has migration mode none: it is never moved");

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"migrationMode\": \"quick\"}")
                .put("/api/v1/vms/" + vmId + "/migration-mode").then().statusCode(200)
                .body("migrationMode", equalTo("quick"));
        publish(new MigrationStarted("mig-" + vmId, vmId, "source", null, "quick", "manual", 0, Instant.now()));
        assertThat(event(VmMoveStarted.class, e -> e.vmId().equals(vmId)).migrationId()).isEqualTo("mig-" + vmId);
        publish(new MigrationEnded("mig-" + vmId, vmId, "cancelled", "test over", Instant.now()));
    }

    @Test
    void a_vms_ha_priority_is_medium_unless_set_at_creation_or_later_and_each_change_is_an_event() {
        String tenant = "ha-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = TOKENS.tenant("tenant-admin", tenant);
        String vmId = runningVm(tenant);
        given().auth().oauth2(admin).get("/api/v1/vms/" + vmId).then().body("haPriority", equalTo("medium"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"haPriority\": \"urgent\"}")
                .put("/api/v1/vms/" + vmId + "/ha-priority").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("haPriority"));
        given().auth().oauth2(TOKENS.tenant("tenant-user", tenant)).contentType(ContentType.JSON)
                .body("{\"haPriority\": \"high\"}").put("/api/v1/vms/" + vmId + "/ha-priority").then()
                .statusCode(403);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"haPriority\": \"high\"}")
                .put("/api/v1/vms/" + vmId + "/ha-priority").then().statusCode(200).body("haPriority", equalTo("high"));
        assertThat(event(VmHaPriorityChanged.class, e -> e.vmId().equals(vmId)).changedBy()).contains("tenant-admin");

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                        {"name": "batch", "vcpus": 1, "memoryMb": 1024, "haPriority": "off",
                         "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}""")
                .post("/api/v1/vms").then().statusCode(202);
        assertThat(event(VmRequested.class, e -> e.tenantId().equals(tenant) && e.name().equals("batch"))
                .haPriority()).isEqualTo("off");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                        {"name": "bad", "vcpus": 1, "memoryMb": 1024, "haPriority": "sometimes",
                         "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}""")
                .post("/api/v1/vms").then().statusCode(400).body("errors[0].field", equalTo("haPriority"));
    }

    /**
     * Placements of new VMs and moves race for one host's room from many threads: whatever the interleaving,
     * the host never holds more than it has, and exactly as many get in as fit.
     */
    @Test
    void a_creation_that_breaks_the_ha_reserve_is_placed_with_the_reason_as_a_warning_when_admission_warns() {
        // the fleet is A and B: hosts other tests left here take no VMs meanwhile
        List<String> others = store.candidates().stream().filter(h -> h.available()
                && !h.hostId().equals(HOST_A) && !h.hostId().equals(HOST_B)).map(h -> h.hostId()).toList();
        others.forEach(h -> store.setMaintenance(h, true));
        try {
            String tenant = "reserve-" + UUID.randomUUID().toString().substring(0, 8);
            given().auth().oauth2(TOKENS.fleetAdmin()).contentType(ContentType.JSON)
                    .body("{\"vcpus\": 64, \"memoryMb\": 200000, \"vms\": 10}")
                    .put("/api/v1/tenants/" + tenant + "/quota").then().statusCode(200);
            String first = bigVm(tenant); // 40 GB on one host: the other (60 GB for VMs) could restart it
            assertThat(event(VmPlaced.class, e -> e.vmId().equals(first)).warning()).isNull();
            String second = bigVm(tenant); // 40 GB on the other: neither could restart the other's
            VmPlaced placed = event(VmPlaced.class, e -> e.vmId().equals(second));
            assertThat(placed.warning()).startsWith("HA admission control: placed anywhere, the fleet can restart "
                    + "the VMs of 0 failed hosts, not 1");
            assertThat(placed.hostId()).as("placed all the same").isNotNull();
        } finally {
            others.forEach(h -> store.setMaintenance(h, false));
        }
    }

    private static String bigVm(String tenant) {
        String location = given().auth().oauth2(TOKENS.tenant("tenant-admin", tenant)).contentType(ContentType.JSON)
                .body("""
                        {"name": "big", "vcpus": 2, "memoryMb": 40960,
                         "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}""")
                .post("/api/v1/vms").then().statusCode(202).extract().header("Location");
        return given().auth().oauth2(TOKENS.fleetAdmin()).get(location).then().extract().path("vmId");
    }

    @Test
    void a_hung_guest_ha_resets_is_restarted_on_its_host_as_an_operation_its_tenant_sees() {
        String tenant = "reset-" + UUID.randomUUID().toString().substring(0, 8);
        String vmId = runningVm(tenant);
        String host = given().auth().oauth2(TOKENS.fleetAdmin()).get("/api/v1/vms/" + vmId).then()
                .extract().path("hostId");
        String resetId = UUID.randomUUID().toString();
        HaGuestResetRequested reset = new HaGuestResetRequested(resetId, vmId, host, "guest heartbeat lost for 61 s",
                Instant.now().minusSeconds(61), 0, Instant.now());
        publish(reset);
        publish(reset); // delivered twice: one restart
        ChangeVmPowerOnHost restart = command(ChangeVmPowerOnHost.class, vmId);
        assertThat(restart.commandId()).isEqualTo(resetId);
        assertThat(restart.action()).isEqualTo("restart");
        assertThat(restart.hostId()).isEqualTo(host);
        await().untilAsserted(() -> given().auth().oauth2(TOKENS.tenant("tenant-admin", tenant))
                .get("/api/v1/operations/" + resetId).then().statusCode(200).body("state", equalTo("Running")));
        given().auth().oauth2(TOKENS.tenant("tenant-admin", tenant)).get("/api/v1/vms/" + vmId + "/events").then()
                .body("items.findAll { it.type == 'dev.hyperplane.vm.operation-requested.v1' }.data.requestedBy",
                        equalTo(List.of("ha")));
    }

    @Test
    void no_interleaving_of_placement_and_migration_overcommits_a_host() throws Exception {
        String full = "race-" + RUN;
        String elsewhere = "race-src-" + RUN;
        QuarkusTransaction.requiringNew().run(() -> {
            // the only WS2022 host: the race's VMs accept nothing else, so every other host stays out of it
            store.upsertHost(full, "2022", 32, 20_480 + 4096, 4096, Instant.now()); // room for 10 VMs of 2 GB
            store.upsertHost(elsewhere, "2019", 32, 1_000_000, 4096, Instant.now());
        });
        List<Callable<String>> attempts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            PlacementRequest moving = request("moving-" + i + "-" + RUN);
            QuarkusTransaction.requiringNew().run(() -> store.reserve(moving, elsewhere));
            attempts.add(() -> QuarkusTransaction.requiringNew().call(() ->
                    placer.placeMove(moving, elsewhere, full, "mig-" + moving.vmId())).hostId());
            PlacementRequest fresh = request("new-" + i + "-" + RUN);
            attempts.add(() -> QuarkusTransaction.requiringNew().call(() -> placer.place(fresh, HaPriority.MEDIUM))
                    .hostId());
        }
        Collections.shuffle(attempts);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> hosts = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(attempts)) {
            hosts.add(f.get());
        }
        pool.shutdown();
        assertThat(hosts.stream().filter(full::equals)).as("placed or moved onto the host").hasSize(10);
        assertThat(hosts.stream().filter(h -> h != null && !h.equals(full))).isEmpty();
        assertThat(reservedOn(full)).isEqualTo(20_480);
    }

    private static PlacementRequest request(String vmId) {
        return new PlacementRequest(vmId, "race", 1, 2048, Set.of("2022"), null);
    }

    private long reservedOn(String hostId) {
        return store.candidates().stream().filter(h -> h.hostId().equals(hostId)).findFirst().orElseThrow()
                .reservedMb();
    }

    private static String runningVm(String tenant) {
        String location = given().auth().oauth2(TOKENS.tenant("tenant-admin", tenant)).contentType(ContentType.JSON)
                .body("""
                        {"name": "mover", "vcpus": 1, "memoryMb": 2048,
                         "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}""")
                .post("/api/v1/vms").then().statusCode(202).extract().header("Location");
        String vmId = given().auth().oauth2(TOKENS.fleetAdmin()).get(location).then().extract().path("vmId");
        CreateVmOnHost create = command(CreateVmOnHost.class, vmId);
        publish(new VmStartedOnHost(create.commandId(), create.hostId(), vmId, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TOKENS.fleetAdmin())
                .get(location).then().body("state", equalTo("Succeeded")));
        return vmId;
    }

    private static <T extends PublicEvent> T event(Class<T> type, Predicate<T> which) {
        Predicate<PublicEvent> matches = e -> type.isInstance(e) && which.test(type.cast(e));
        return kafka.readUntil(Topics.VM_EVENTS, Duration.ofSeconds(20),
                        seen -> seen.stream().map(r -> CloudEventCodec.decode(r).data()).anyMatch(matches))
                .stream().map(r -> CloudEventCodec.decode(r).data()).filter(matches).map(type::cast)
                .reduce((a, b) -> b).orElseThrow();
    }

    private static <T extends AgentCommand> T command(Class<T> type, String vmId) {
        Predicate<PublicEvent> matches = e -> type.isInstance(e) && ((AgentCommand) e).vmId().equals(vmId);
        return kafka.readUntil(Topics.AGENT_COMMANDS, Duration.ofSeconds(20),
                        seen -> seen.stream().map(r -> CloudEventCodec.decode(r).data()).anyMatch(matches))
                .stream().map(CloudEventCodec::decode).map(InboundEvent::data).filter(matches).map(type::cast)
                .reduce((a, b) -> b).orElseThrow();
    }

    private static void publish(PublicEvent event) {
        kafka.send(CloudEventCodec.encode(event, "test-" + UUID.randomUUID(), "/test", Instant.now(), null, null));
    }
}
