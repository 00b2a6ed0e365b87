package dev.hyperplane.provisioning.api;

import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentCommand;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.ChangeVmPowerOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.ResizeVmOnHost;
import dev.hyperplane.events.agent.RestoreVmOnHost;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.events.backup.RestoreRequested;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.events.vm.VmRestoreFailed;
import dev.hyperplane.events.vm.VmRestored;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.testsupport.KafkaTestClient;
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
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Lifecycle operations, tenancy and quotas over real Kafka and PostgreSQL; the test plays the host's agent on
 * the agent topics.
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning_lifecycle"))
class LifecycleTest {
    /** The same host as {@link ProvisioningTest}: both apps read the one Kafka, so each would see the other's. */
    private static final String HOST = "prov-test-host";
    private static final DevTokens TOKENS = DevTokens.shared();
    private static KafkaTestClient kafka;
    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @BeforeAll
    static void registerAHost() {
        kafka = KafkaTestClient.forTestInfrastructure();
        publish(new HostRegistered(HOST, HOST, "agent-t", "2012 R2", 32, 65536, 4096, Instant.now()), "host-" + HOST);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static RequestSpecification as(String role, String tenant) {
        return given().auth().oauth2(TOKENS.tenant(role, tenant));
    }

    @Test
    void stop_resize_start_and_delete_go_through_the_host_with_versions_and_history() {
        String tenant = "life-" + UUID.randomUUID().toString().substring(0, 8);
        String vmId = runningVm(tenant, "app-1");
        String etag = as("tenant-user", tenant).get("/api/v1/vms/" + vmId).then().extract().header("ETag");

        // a tenant user may power the VM off; the graceful stop goes to the host as a shut-down
        String stop = as("tenant-user", tenant).header("If-Match", etag).post("/api/v1/vms/" + vmId + "/stop").then()
                .statusCode(202).body("kind", equalTo("stop")).body("requestedBy", equalTo("tenant-user@" + tenant))
                .extract().header("Location");
        as("tenant-admin", tenant).get("/api/v1/vms/" + vmId).then().body("state", equalTo("Stopping"));
        // a second operation while the first runs, and a stale If-Match, are refused
        as("tenant-admin", tenant).post("/api/v1/vms/" + vmId + "/restart").then().statusCode(409).contentType("application/problem+json");
        ChangeVmPowerOnHost shutDown = command(ChangeVmPowerOnHost.class, vmId, "shut-down");
        answer(new AgentCommandCompleted(shutDown.commandId(), HOST, vmId, Instant.now()));
        awaitOperation(stop, "Succeeded");
        as("tenant-admin", tenant).get("/api/v1/vms/" + vmId).then().body("state", equalTo("Stopped"));
        as("tenant-admin", tenant).header("If-Match", etag).post("/api/v1/vms/" + vmId + "/start").then().statusCode(412)
                .body("type", equalTo("https://hyperplane.dev/problems/version-mismatch"));

        // a tenant user may not resize; the admin changes vCPUs while it is stopped
        String resizeBody = "{\"vcpus\": 4, \"memoryMb\": 4096}";
        as("tenant-user", tenant).contentType(ContentType.JSON).body(resizeBody).post("/api/v1/vms/" + vmId + "/resize")
                .then().statusCode(403).contentType("application/problem+json");
        String resize = as("tenant-admin", tenant).contentType(ContentType.JSON).body(resizeBody).post("/api/v1/vms/" + vmId + "/resize")
                .then().statusCode(202).extract().header("Location");
        ResizeVmOnHost resizeCommand = command(ResizeVmOnHost.class, vmId, null);
        assertThat(resizeCommand.vcpus()).isEqualTo(4);
        answer(new AgentCommandCompleted(resizeCommand.commandId(), HOST, vmId, Instant.now()));
        awaitOperation(resize, "Succeeded");
        as("tenant-admin", tenant).get("/api/v1/vms/" + vmId).then().body("vcpus", equalTo(4)).body("memoryMb", equalTo(4096));

        // the host refuses a start: the operation fails with its reason and the VM stays stopped
        String start = as("tenant-admin", tenant).post("/api/v1/vms/" + vmId + "/start").then().statusCode(202).extract().header("Location");
        ChangeVmPowerOnHost startCommand = command(ChangeVmPowerOnHost.class, vmId, "start");
        answer(new AgentCommandRejected(startCommand.commandId(), HOST, vmId, "host has 100 MB free"));
        awaitOperation(start, "Failed");
        as("tenant-admin", tenant).get(start).then().body("error", equalTo("host has 100 MB free"));
        as("tenant-admin", tenant).get("/api/v1/vms/" + vmId).then().body("state", equalTo("Stopped"));

        String delete = as("tenant-admin", tenant).delete("/api/v1/vms/" + vmId).then().statusCode(202).extract().header("Location");
        ChangeVmPowerOnHost deleteCommand = command(ChangeVmPowerOnHost.class, vmId, "delete");
        answer(new AgentCommandCompleted(deleteCommand.commandId(), HOST, vmId, Instant.now()));
        awaitOperation(delete, "Succeeded");
        as("tenant-admin", tenant).get("/api/v1/vms/" + vmId).then().body("state", equalTo("Deleted"));
        as("tenant-admin", tenant).post("/api/v1/vms/" + vmId + "/start").then().statusCode(410);
        as("tenant-admin", tenant).get("/api/v1/tenants/" + tenant + "/quota").then().body("usage.vms", equalTo(0));

        as("tenant-admin", tenant).get("/api/v1/vms/" + vmId + "/events").then().statusCode(200)
                .body("items.data.requestedBy", hasItem("tenant-user@" + tenant))
                .body("items.type", hasItem("dev.hyperplane.vm.operation-completed.v1"))
                .body("items.type", hasItem("dev.hyperplane.vm.resized.v1"));
    }

    /**
     * With two replicas, another one may append to the VM between this one loading it and appending: PostgreSQL
     * refuses the second append with unique_violation. A trigger plays that other replica once; the stop is decided
     * again on the reloaded VM and accepted, not answered with an error.
     */
    @Test
    void a_command_that_collides_with_another_replicas_append_is_decided_again() throws Exception {
        String tenant = "race-" + UUID.randomUUID().toString().substring(0, 8);
        String vmId = runningVm(tenant, "raced");
        int requestedBefore = operationsRequested(tenant, vmId);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            // the failed append's transaction rolls back, a sequence does not: it counts the appends tried
            s.execute("DROP SEQUENCE IF EXISTS test_collide_tries");
            s.execute("CREATE SEQUENCE test_collide_tries");
            s.execute("""
                    CREATE OR REPLACE FUNCTION test_collide_once() RETURNS trigger AS $$
                    BEGIN
                      IF NEW.aggregateidentifier = '%s' AND nextval('test_collide_tries') = 1 THEN
                        RAISE unique_violation USING MESSAGE = 'another replica appended first (test)';
                      END IF;
                      RETURN NEW;
                    END $$ LANGUAGE plpgsql""".formatted(vmId));
            s.execute("DROP TRIGGER IF EXISTS test_collide ON domainevententry");
            s.execute("CREATE TRIGGER test_collide BEFORE INSERT ON domainevententry FOR EACH ROW "
                    + "EXECUTE FUNCTION test_collide_once()");
        }
        try {
            as("tenant-admin", tenant).post("/api/v1/vms/" + vmId + "/stop").then().statusCode(202);
            try (var c = dataSource.getConnection(); var s = c.createStatement();
                 var tries = s.executeQuery("SELECT last_value FROM test_collide_tries")) {
                tries.next();
                assertThat(tries.getInt(1)).as("rows tried: the collision, then the stop's decided again")
                        .isGreaterThanOrEqualTo(2);
            }
            as("tenant-admin", tenant).get("/api/v1/vms/" + vmId).then().body("state", equalTo("Stopping"));
            assertThat(operationsRequested(tenant, vmId)).as("the stop, recorded once").isEqualTo(requestedBefore + 1);
        } finally {
            try (var c = dataSource.getConnection(); var s = c.createStatement()) {
                s.execute("DROP TRIGGER IF EXISTS test_collide ON domainevententry");
            }
        }
    }

    @Test
    void a_tenant_sees_only_its_own_vms_and_operations() {
        String tenant = "own-" + UUID.randomUUID().toString().substring(0, 8);
        String location = create(as("tenant-admin", tenant), tenant, "mine", 1024, null).statusCode(202)
                .extract().header("Location");
        String vmId = as("tenant-user", tenant).get(location).then().statusCode(200).extract().path("vmId");

        as("tenant-admin", "globex").get("/api/v1/vms/" + vmId).then().statusCode(404).contentType("application/problem+json");
        as("tenant-admin", "globex").get(location).then().statusCode(404);
        as("tenant-admin", "globex").get("/api/v1/vms/" + vmId + "/events").then().statusCode(404);
        as("tenant-admin", "globex").post("/api/v1/vms/" + vmId + "/stop").then().statusCode(404);
        as("tenant-admin", "globex").delete("/api/v1/vms/" + vmId).then().statusCode(404);
        as("tenant-admin", "globex").queryParam("tenant", tenant).get("/api/v1/vms").then().statusCode(404);
        as("tenant-admin", "globex").get("/api/v1/vms").then().statusCode(200).body("items.vmId", not(hasItem(vmId)));
        as("tenant-admin", "globex").get("/api/v1/tenants/" + tenant + "/quota").then().statusCode(404);
        // a tenant token cannot create in another tenant
        create(as("tenant-admin", "globex"), tenant, "intruder", 1024, null).statusCode(403);
        // a tenant user cannot create at all, nor set quotas
        create(as("tenant-user", tenant), null, "nope", 1024, null).statusCode(403);
        as("tenant-admin", tenant).contentType(ContentType.JSON).body("{\"vcpus\":1,\"memoryMb\":1,\"vms\":1}")
                .put("/api/v1/tenants/" + tenant + "/quota").then().statusCode(403);
    }

    @Test
    void every_endpoint_refuses_a_missing_or_forged_token() {
        String forged = DevTokens.keptIn(java.nio.file.Path.of("target", "other-keys")).fleetAdmin();
        for (String path : new String[] {"/api/v1/vms", "/api/v1/vms/x", "/api/v1/vms/x/events",
                "/api/v1/operations/x", "/api/v1/tenants/acme/quota"}) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer");
            given().auth().oauth2(forged).get(path).then().statusCode(401);
        }
        for (String path : new String[] {"/api/v1/vms", "/api/v1/vms/x/start", "/api/v1/vms/x/stop",
                "/api/v1/vms/x/restart", "/api/v1/vms/x/resize"}) {
            given().contentType(ContentType.JSON).body("{}").post(path).then().statusCode(401);
        }
        given().delete("/api/v1/vms/x").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").put("/api/v1/tenants/acme/quota").then().statusCode(401);
    }

    @Test
    void restores_from_backups_create_a_vm_from_the_disks_or_replace_them_in_place_and_refusals_are_answered() {
        String tenant = "restore-" + UUID.randomUUID().toString().substring(0, 8);
        String vmId = runningVm(tenant, "app-r");
        var disks = java.util.List.of(new DiskContent(0, 131072, 3000, 4242));
        var guest = new GuestOs("linux", "Ubuntu", "20.04 LTS", "ubuntu-20-04-lts-built-in");

        // in place: the host turns the VM off, writes the disks and starts it; the VM is Restoring meanwhile
        String inPlace = UUID.randomUUID().toString();
        publish(restore(inPlace, vmId, vmId, tenant, "in-place", guest, disks), "restore-" + inPlace);
        RestoreVmOnHost restoreCommand = command(RestoreVmOnHost.class, vmId, null);
        assertThat(restoreCommand.commandId()).isEqualTo(inPlace);
        assertThat(restoreCommand.disks()).isEqualTo(disks);
        as("tenant-admin", tenant).get("/api/v1/vms/" + vmId).then().body("state", equalTo("Restoring"));
        as("tenant-admin", tenant).get("/api/v1/operations/" + inPlace).then().body("kind", equalTo("restore"));
        answer(new AgentCommandCompleted(inPlace, HOST, vmId, Instant.now()));
        awaitOperation("/api/v1/operations/" + inPlace, "Succeeded");
        assertThat(vmEvent(VmRestored.class, e -> e.restoreId().equals(inPlace)).vmId()).isEqualTo(vmId);
        as("tenant-admin", tenant).get("/api/v1/vms/" + vmId).then().body("state", equalTo("Running"));

        // as a new VM: created like any, placed, and created on its host from the point's disks
        String newVm = UUID.randomUUID().toString();
        String asNew = UUID.randomUUID().toString();
        publish(restore(asNew, vmId, newVm, tenant, "new-vm", guest, disks), "restore-" + asNew);
        CreateVmOnHost create = command(CreateVmOnHost.class, newVm, null);
        assertThat(create.disks()).isEqualTo(disks);
        assertThat(create.name()).isEqualTo("app-r-restored");
        answer(new VmStartedOnHost(create.commandId(), HOST, newVm, Instant.now()));
        awaitOperation("/api/v1/operations/" + asNew, "Succeeded");
        as("tenant-admin", tenant).get("/api/v1/vms/" + newVm).then().body("state", equalTo("Running"));

        // refused: a new VM past the tenant's quota, and an in-place restore of a VM that is busy
        given().auth().oauth2(TOKENS.fleetAdmin()).contentType(ContentType.JSON)
                .body("{\"vcpus\": 4, \"memoryMb\": 4096, \"vms\": 2}")
                .put("/api/v1/tenants/" + tenant + "/quota").then().statusCode(200);
        String overQuota = UUID.randomUUID().toString();
        publish(restore(overQuota, vmId, UUID.randomUUID().toString(), tenant, "new-vm", guest, disks),
                "restore-" + overQuota);
        VmRestoreFailed refused = vmEvent(VmRestoreFailed.class, e -> e.restoreId().equals(overQuota));
        assertThat(refused.reason()).contains("vmCount");
        assertThat(refused.state()).isNull();
        as("tenant-admin", tenant).post("/api/v1/vms/" + vmId + "/restart").then().statusCode(202);
        String busy = UUID.randomUUID().toString();
        publish(restore(busy, vmId, vmId, tenant, "in-place", guest, disks), "restore-" + busy);
        assertThat(vmEvent(VmRestoreFailed.class, e -> e.restoreId().equals(busy)).reason())
                .contains("(restart) of VM " + vmId + " is still running");
    }

    private static RestoreRequested restore(String restoreId, String sourceVmId, String vmId, String tenant,
                                            String mode, GuestOs guest, java.util.List<DiskContent> disks) {
        return new RestoreRequested(restoreId, "rp-" + restoreId, sourceVmId, vmId, tenant, mode, "app-r-restored",
                1, 2048, guest, 1, false, MemoryPlan.fixed(2048), disks, "tenant-admin@" + tenant, Instant.now());
    }

    /** The first event of {@code type} on the VM topic that {@code matches}. */
    private static <T> T vmEvent(Class<T> type, java.util.function.Predicate<T> matches) {
        var wanted = (java.util.function.Predicate<Object>) e -> type.isInstance(e) && matches.test(type.cast(e));
        var records = kafka.readUntil(Topics.VM_EVENTS, Duration.ofSeconds(20),
                seen -> seen.stream().map(r -> CloudEventCodec.decode(r).data()).anyMatch(wanted));
        return records.stream().map(r -> CloudEventCodec.decode(r).data()).filter(wanted).map(type::cast)
                .findFirst().orElseThrow();
    }

    @Test
    void quotas_refuse_what_does_not_fit_and_count_what_runs() {
        String tenant = "quota-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TOKENS.fleetAdmin()).contentType(ContentType.JSON)
                .body("{\"vcpus\": 4, \"memoryMb\": 4096, \"vms\": 2}")
                .put("/api/v1/tenants/" + tenant + "/quota").then().statusCode(200)
                .body("limits.vms", equalTo(2)).body("defaultQuota", equalTo(false));
        create(as("tenant-admin", tenant), null, "too-big", 8192, null).statusCode(422)
                .body("type", equalTo("https://hyperplane.dev/problems/exceeds-quota"))
                .body("errors[0].field", equalTo("memoryMb"));
        create(as("tenant-admin", tenant), null, "q1", 2048, null).statusCode(202);
        create(as("tenant-admin", tenant), null, "q2", 2048, null).statusCode(202);
        create(as("tenant-admin", tenant), null, "q3", 1024, null).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://hyperplane.dev/problems/quota-exceeded"))
                .body("errors.field", hasItem("vmCount"))
                .body("errors.field", hasItem("memoryMb"));
        as("tenant-admin", tenant).get("/api/v1/tenants/" + tenant + "/quota").then().statusCode(200)
                .body("usage.vms", equalTo(2)).body("usage.memoryMb", equalTo(4096));
    }

    @Test
    void memory_quota_counts_the_dynamic_memory_maximum() {
        String tenant = "dmquota-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TOKENS.fleetAdmin()).contentType(ContentType.JSON)
                .body("{\"vcpus\": 8, \"memoryMb\": 4096, \"vms\": 5}")
                .put("/api/v1/tenants/" + tenant + "/quota").then().statusCode(200);
        // 1 GB at start, but it may grow to 8 GB: more than the whole quota
        createDynamic(tenant, "grows-big", 1024, 8192).statusCode(422)
                .body("type", equalTo("https://hyperplane.dev/problems/exceeds-quota"))
                .body("errors[0].field", equalTo("dynamicMemory.maximumMb"));
        createDynamic(tenant, "grows-some", 1024, 3072).statusCode(202);
        as("tenant-admin", tenant).get("/api/v1/tenants/" + tenant + "/quota").then()
                .body("usage.memoryMb", equalTo(3072));
        createDynamic(tenant, "one-more", 512, 2048).statusCode(409)
                .body("errors.field", hasItem("dynamicMemory.maximumMb"));
        // an absurd maximum is a field error, not a quota question
        createDynamic(tenant, "absurd", 1024, 1L << 40).statusCode(400)
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("maximumMb")));
    }

    private static int operationsRequested(String tenant, String vmId) {
        return (int) as("tenant-admin", tenant).get("/api/v1/vms/" + vmId + "/events").then().extract().jsonPath()
                .getList("items.type", String.class).stream().filter(t -> t.contains("operation-requested")).count();
    }

    private static io.restassured.response.ValidatableResponse createDynamic(String tenant, String name, long startupMb,
                                                                           long maximumMb) {
        return as("tenant-admin", tenant).contentType(ContentType.JSON).body("""
                {"name": "%s", "vcpus": 1, "memoryMb": %d, "dynamicMemory": {"minimumMb": 512, "maximumMb": %d},
                 "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}"""
                .formatted(name, startupMb, maximumMb)).post("/api/v1/vms").then();
    }

    private static String runningVm(String tenant, String name) {
        String location = create(as("tenant-admin", tenant), null, name, 2048, null).statusCode(202)
                .extract().header("Location");
        String vmId = as("tenant-admin", tenant).get(location).then().extract().path("vmId");
        CreateVmOnHost create = command(CreateVmOnHost.class, vmId, null);
        answer(new VmStartedOnHost(create.commandId(), HOST, vmId, Instant.now()));
        awaitOperation(location, "Succeeded");
        return vmId;
    }

    private static io.restassured.response.ValidatableResponse create(RequestSpecification as, String tenant,
                                                                        String name, long memoryMb, String group) {
        return as.contentType(ContentType.JSON).body("""
                {%s"name": "%s", "vcpus": 1, "memoryMb": %d,
                 "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}"""
                .formatted(tenant == null ? "" : "\"tenantId\": \"" + tenant + "\", ", name, memoryMb))
                .post("/api/v1/vms").then();
    }

    private static void awaitOperation(String location, String state) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TOKENS.fleetAdmin())
                .get(location).then().body("state", equalTo(state)));
    }

    /** The agent command of {@code type} for the VM (with {@code action}, for power commands). */
    private static <T extends AgentCommand> T command(Class<T> type, String vmId, String action) {
        var matches = (java.util.function.Predicate<PublicEvent>) e -> type.isInstance(e)
                && ((AgentCommand) e).vmId().equals(vmId)
                && (action == null || ((ChangeVmPowerOnHost) e).action().equals(action));
        var records = kafka.readUntil(Topics.AGENT_COMMANDS, Duration.ofSeconds(20),
                seen -> seen.stream().map(r -> CloudEventCodec.decode(r).data()).anyMatch(matches));
        return records.stream().map(CloudEventCodec::decode).map(InboundEvent::data).filter(matches)
                .map(type::cast).reduce((a, b) -> b).orElseThrow();
    }

    private static void answer(PublicEvent event) {
        publish(event, "answer-" + UUID.randomUUID());
    }

    private static void publish(PublicEvent event, String id) {
        kafka.send(CloudEventCodec.encode(event, id, "/test", Instant.now(), null, null));
    }
}
