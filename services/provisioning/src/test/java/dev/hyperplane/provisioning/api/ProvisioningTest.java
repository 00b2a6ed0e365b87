package dev.hyperplane.provisioning.api;

import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.ChangeVmPowerOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.HostInventoryReported;
import dev.hyperplane.events.agent.VmSettingsChangedOnHost;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.events.host.HostMaintenanceChanged;
import dev.hyperplane.events.host.HostHealthChanged;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.jdbc.Sql;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import dev.hyperplane.testsupport.DevTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning_test"))
class ProvisioningTest {
    private static final String HOST = "prov-test-host";
    private static KafkaTestClient kafka;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void registerAHost() {
        kafka = KafkaTestClient.forTestInfrastructure();
        publish(new HostRegistered(HOST, HOST, "agent-t", "2012 R2", 32, 65536, 4096, Instant.now()), "host-" + HOST);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void a_vm_goes_from_request_to_running_through_its_host_agent() {
        String location = createVm("web-1", 2048).statusCode(202)
                .header("Location", containsString("/api/v1/operations/"))
                .body("state", equalTo("Running"))
                .extract().header("Location");
        String vmId = admin().get(location).then().statusCode(200).extract().path("vmId");

        CreateVmOnHost command = agentCommandFor(vmId);
        assertThat(command.hostId()).isEqualTo(HOST);
        assertThat(command.memoryMb()).isEqualTo(2048);
        publish(new VmStartedOnHost(command.commandId(), HOST, vmId, Instant.now()), "answer-" + command.commandId());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get(location).then()
                .body("state", equalTo("Succeeded")).body("progress", equalTo(100))
                .body("result", equalTo("/api/v1/vms/" + vmId)));
        admin().get("/api/v1/vms/" + vmId).then().statusCode(200)
                .header("ETag", equalTo("\"3\""))
                .body("antiAffinityGroup", equalTo(null))
                .body("state", equalTo("Running")).body("hostId", equalTo(HOST));
        admin().get("/api/v1/vms/" + vmId + "/events").then().statusCode(200)
                .body("items.type", contains("dev.hyperplane.vm.requested.v1", "dev.hyperplane.vm.placed.v1",
                        "dev.hyperplane.agent.command.create-vm.v1", "dev.hyperplane.vm.started.v1"))
                .body("items.sequence", contains(0, 1, 2, 3))
                .body("items[1].data.hostId", equalTo(HOST))
                .body("nextCursor", equalTo(null));
        // the same history in pages of three: the cursor is the last sequence read
        admin().get("/api/v1/vms/" + vmId + "/events?limit=3").then().statusCode(200)
                .body("items.sequence", contains(0, 1, 2)).body("nextCursor", equalTo("2"));
        admin().get("/api/v1/vms/" + vmId + "/events?limit=3&cursor=2").then().statusCode(200)
                .body("items.sequence", contains(3)).body("nextCursor", equalTo(null));
        admin().get("/api/v1/vms/" + vmId + "/events?cursor=not-a-cursor").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        admin().get("/api/v1/vms/no-such-vm/events").then().statusCode(404).contentType("application/problem+json");
        var published = kafka.readUntil(Topics.VM_EVENTS, Duration.ofSeconds(20), seen -> decode(seen).stream()
                .anyMatch(e -> e instanceof VmStarted s && s.vmId().equals(vmId)));
        assertThat(decode(published)).anyMatch(e -> e instanceof VmStarted s && s.vmId().equals(vmId));
    }

    @Test
    void a_vm_the_host_refuses_fails_with_the_hosts_reason() {
        String location = createVm("big-1", 4096).statusCode(202).extract().header("Location");
        String vmId = admin().get(location).then().extract().path("vmId");
        CreateVmOnHost command = agentCommandFor(vmId);
        publish(new AgentCommandRejected(command.commandId(), HOST, vmId, "out of memory"), "answer-" + command.commandId());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get(location).then()
                .body("state", equalTo("Failed"))
                .body("error", equalTo("host prov-test-host refused the VM: out of memory")));
    }

    @Test
    void a_vm_whose_host_never_answers_fails_at_its_deadline() {
        String location = createVm("silent-1", 1024).statusCode(202).extract().header("Location");
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> admin().get(location).then()
                .body("state", equalTo("Failed"))
                .body("error", equalTo("the VM was not running 8 s after it was placed")));
    }

    /**
     * A deadline a replica had picked when it was killed with {@code kill -9} still runs: CrashEveryServiceIT once
     * left two VMs Requested for over 5 minutes, because db-scheduler revives such an execution only after 30.
     */
    @Test
    void a_deadline_picked_by_a_process_that_died_still_fails_the_vm_within_seconds() {
        String location = createVm("orphaned-deadline-1", 1024).statusCode(202).extract().header("Location");
        String vmId = admin().get(location).then().extract().path("vmId");
        agentCommandFor(vmId); // placed: the creation deadline is scheduled
        String sagaId = Sql.queryOne(dataSource, "SELECT sagaid FROM associationvalueentry WHERE associationkey = 'vmId'"
                + " AND associationvalue = ?", rs -> rs.getString(1), vmId).orElseThrow();

        int picked = Sql.update(dataSource, """
                UPDATE scheduled_tasks SET picked = true, picked_by = 'replica-killed-with-9',
                       last_heartbeat = now() - interval '1 hour', execution_time = now() - interval '1 minute'
                 WHERE task_name = 'AxonDeadline' AND NOT picked AND position(convert_to(?, 'UTF8') in task_data) > 0""",
                sagaId);

        assertThat(picked).as("the VM's deadline, picked by a process that is gone").isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin().get(location).then()
                .body("state", equalTo("Failed"))
                .body("error", equalTo("the VM was not running 8 s after it was placed")));
    }

    @Test
    void a_start_after_the_deadline_is_torn_down_on_the_host_and_the_vm_stays_failed() {
        String location = createVm("late-1", 1024).statusCode(202).extract().header("Location");
        String vmId = admin().get(location).then().extract().path("vmId");
        CreateVmOnHost command = agentCommandFor(vmId);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> admin().get(location).then()
                .body("state", equalTo("Failed")));

        publish(new VmStartedOnHost(command.commandId(), HOST, vmId, Instant.now()), "answer-" + command.commandId());

        var commands = kafka.readUntil(Topics.AGENT_COMMANDS, Duration.ofSeconds(20), seen -> decode(seen).stream()
                .anyMatch(e -> e instanceof ChangeVmPowerOnHost c && c.vmId().equals(vmId)));
        assertThat(decode(commands)).filteredOn(e -> e instanceof ChangeVmPowerOnHost c && c.vmId().equals(vmId))
                .singleElement().isEqualTo(new ChangeVmPowerOnHost(vmId + "/tear-down@" + HOST, HOST, vmId, "delete"));
        admin().get("/api/v1/vms/" + vmId).then().body("state", equalTo("Failed"));
        admin().get("/api/v1/vms/" + vmId + "/events").then()
                .body("items.type", hasItem("dev.hyperplane.vm.reconciled.v1"))
                .body("items.data.correction", hasItem("tear-down"));
    }

    @Test
    void what_the_host_reports_corrects_the_record_lost_found_and_power_state() {
        String vmId = running("reported-1");

        // reports taken after the grace period (2 s in tests): the host no longer has it, then has it again, off
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            publish(new HostInventoryReported(HOST, List.of(), 0, Instant.now()), UUID.randomUUID().toString());
            admin().get("/api/v1/vms/" + vmId).then().body("state", equalTo("Lost"));
        });
        publish(new HostInventoryReported(HOST, List.of(new HostInventoryReported.VmOnHost(vmId, "Running")), 0,
                Instant.now().plusSeconds(5)), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/api/v1/vms/" + vmId).then()
                .body("state", equalTo("Running")));
        publish(new HostInventoryReported(HOST, List.of(new HostInventoryReported.VmOnHost(vmId, "Off")), 0,
                Instant.now().plusSeconds(10)), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/api/v1/vms/" + vmId).then()
                .body("state", equalTo("Stopped")));

        admin().get("/api/v1/vms/" + vmId + "/events?limit=500").then()
                .body("items.findAll { it.type == 'dev.hyperplane.vm.reconciled.v1' }.data.correction",
                        contains("lost", "found", "state"))
                .body("items.findAll { it.type == 'dev.hyperplane.vm.reconciled.v1' }.data.reason",
                        hasItem(containsString("reports no VM " + vmId + " while it was Running")));
    }

    /** The bypass the issue found: a size changed on the host never reached provisioning, so quota missed it. */
    @Test
    void a_size_its_host_reports_beyond_the_approved_one_shows_on_the_vm_and_counts_in_quota() {
        String vmId = running("sized", "sized-1");
        admin().get("/api/v1/vms/" + vmId).then().body("onHost", equalTo(null));
        admin().get("/api/v1/tenants/sized/quota").then() // 2 vCPUs and 1 GB static, as approved
                .body("usage.vcpus", equalTo(2)).body("usage.memoryMb", equalTo(1024));

        publish(new VmSettingsChangedOnHost(HOST, vmId, 6, 2048, new MemoryPlan(true, 512, 16384, 20, 50), 90_000,
                Instant.now()), "settings-1-" + vmId);
        publish(new VmSettingsChangedOnHost(HOST, vmId, 2, 1024, MemoryPlan.fixed(1024), 80_000, Instant.now()),
                "settings-0-" + vmId); // older on the host's clock: delivered late, changes nothing

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/api/v1/vms/" + vmId).then()
                .body("vcpus", equalTo(2)).body("memoryMb", equalTo(1024))
                .body("onHost.vcpus", equalTo(6)).body("onHost.memoryMb", equalTo(2048))
                .body("onHost.maximumMb", equalTo(16384)));
        admin().get("/api/v1/tenants/sized/quota").then()
                .body("usage.vcpus", equalTo(6)).body("usage.memoryMb", equalTo(16384));
    }

    @Test
    void a_vm_on_a_host_that_fell_silent_is_unknown_not_lost_until_the_host_reports_again() {
        String vmId = running("silent-1");

        publish(new HostHealthChanged(HOST, "Unreachable", "no report for 15 s", Instant.now()), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/api/v1/vms/" + vmId).then()
                .body("state", equalTo("Unknown")));
        admin().post("/api/v1/vms/" + vmId + "/stop").then().statusCode(409);

        // the host is back: its first report after the grace period finds the VM running
        publish(new HostHealthChanged(HOST, "Ready", "reporting again", Instant.now()), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            publish(new HostInventoryReported(HOST, List.of(new HostInventoryReported.VmOnHost(vmId, "Running")), 0,
                    Instant.now()), UUID.randomUUID().toString());
            admin().get("/api/v1/vms/" + vmId).then().body("state", equalTo("Running"));
        });
        admin().get("/api/v1/vms/" + vmId + "/events?limit=500").then()
                .body("items.findAll { it.type == 'dev.hyperplane.vm.reconciled.v1' }.data.state",
                        contains("Unknown", "Running"))
                .body("items.findAll { it.type == 'dev.hyperplane.vm.reconciled.v1' }.data.reason",
                        hasItem(containsString("fell silent (Unreachable: no report for 15 s)")));
    }

    @Test
    void a_vm_larger_than_any_host_fails_with_the_placement_reason() {
        admin().contentType(ContentType.JSON).body("{\"vcpus\": 1000, \"memoryMb\": 10000000, \"vms\": 1000}")
                .put("/api/v1/tenants/acme/quota").then().statusCode(200);
        String location = createVm("huge-1", 1_000_000).statusCode(202).extract().header("Location");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get(location).then()
                .body("state", equalTo("Failed"))
                .body("error", equalTo("no host can take the VM: " + HOST + ": less than 1000000 MB free")));
    }

    @Test
    void a_host_in_maintenance_gets_no_vms_until_it_is_back() {
        publish(new HostMaintenanceChanged(HOST, true, "patching", Instant.now()), "m-on-" + UUID.randomUUID());
        String waiting;
        try {
            // a VM waits for the host (4 s in tests), then fails saying what it waited for
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                String location = createVm("blocked", 1024).statusCode(202).extract().header("Location");
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().get(location).then()
                        .body("state", equalTo("Failed"))
                        .body("error", equalTo("no host can take the VM: " + HOST + ": unreachable or in maintenance"
                                + " (waited 4 s for one to come back)")));
            });
            // one that is still waiting when the host comes back is placed on it
            String location = createVm("waiting", 1024).statusCode(202).extract().header("Location");
            waiting = admin().get(location).then().extract().path("vmId");
            admin().get("/api/v1/vms/" + waiting).then().body("state", equalTo("Requested"));
        } finally {
            publish(new HostMaintenanceChanged(HOST, false, "done", Instant.now()), "m-off-" + UUID.randomUUID());
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().get("/api/v1/vms/" + waiting).then()
                .body("hostId", equalTo(HOST)));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String location = createVm("back", 1024).statusCode(202).extract().header("Location");
            String vmId = admin().get(location).then().extract().path("vmId");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> admin().get("/api/v1/vms/" + vmId).then()
                    .body("state", equalTo("Placed")).body("hostId", equalTo(HOST)));
        });
    }

    @Test
    void the_same_idempotency_key_creates_one_vm_even_concurrently() throws Exception {
        String key = "order-" + UUID.randomUUID();
        String body = """
                {"tenantId": "idem", "name": "once", "vcpus": 1, "memoryMb": 1024,
                 "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}""";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        var replies = new java.util.ArrayList<java.util.concurrent.Future<String>>();
        for (int i = 0; i < 4; i++) {
            replies.add(pool.submit(() -> admin().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(body).post("/api/v1/vms").then().statusCode(202).extract().<String>path("vmId")));
        }
        var vmIds = new java.util.HashSet<String>();
        for (var reply : replies) {
            vmIds.add(reply.get());
        }
        pool.shutdown();
        assertThat(vmIds).hasSize(1);
        admin().queryParam("tenant", "idem").queryParam("limit", 500).get("/api/v1/vms").then()
                .body("items.findAll { it.name == 'once' }.size()", equalTo(1));

        admin().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body.replace("\"once\"", "\"other\"")).post("/api/v1/vms").then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://hyperplane.dev/problems/idempotency-key-reused"));
    }

    @Test
    void malformed_json_is_a_400_problem() {
        admin().contentType(ContentType.JSON).body("{\"name\": \"x\", ").post("/api/v1/vms").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://hyperplane.dev/problems/malformed-json"));
    }

    @Test
    void a_wrong_type_names_the_field() {
        admin().contentType(ContentType.JSON)
                .body("{\"tenantId\":\"acme\",\"name\":\"x\",\"vcpus\":\"two\",\"memoryMb\":1024,"
                        + "\"guestOs\":{\"family\":\"linux\",\"distribution\":\"Ubuntu\",\"version\":\"20.04 LTS\"}}")
                .post("/api/v1/vms").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("vcpus"));
    }

    @Test
    void every_invalid_field_is_listed() {
        admin().contentType(ContentType.JSON)
                .body("{\"tenantId\":\"acme\",\"name\":\"x\",\"memoryMb\":-5,\"guestOs\":{\"family\":\"beos\"}}")
                .post("/api/v1/vms").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://hyperplane.dev/problems/validation"))
                .body("errors.field", containsInAnyOrder("vcpus", "memoryMb", "guestOs.family",
                        "guestOs.distribution", "guestOs.version"))
                .body("detail", containsString("memoryMb: must be at least 32 MB"));
    }

    @Test
    void features_the_distribution_lacks_are_refused_naming_them() {
        admin().contentType(ContentType.JSON)
                .body("""
                        {"tenantId": "acme", "name": "old-1", "vcpus": 2, "memoryMb": 2048,
                         "guestOs": {"family": "linux", "distribution": "RHEL/CentOS", "version": "6.4"},
                         "dynamicMemory": {"minimumMb": 512, "maximumMb": 8192}}""")
                .post("/api/v1/vms").then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://hyperplane.dev/problems/unsupported-by-guest"))
                .body("errors[0].field", equalTo("dynamicMemory.maximumMb"))
                .body("errors[0].reason", containsString("DM_HOTADD"));
        admin().contentType(ContentType.JSON)
                .body("""
                        {"tenantId": "acme", "name": "old-2", "vcpus": 2, "memoryMb": 2048, "generation": 2,
                         "guestOs": {"family": "linux", "distribution": "RHEL/CentOS", "version": "5.9-5.11"}}""")
                .post("/api/v1/vms").then()
                .statusCode(422)
                .body("errors[0].field", equalTo("generation"))
                .body("errors[0].reason", containsString("UEFI_BOOT"));
    }

    /** Guests as people write them resolve to a column of the support tables, which the VM and its host get. */
    @Test
    void guest_names_as_people_write_them_resolve_to_a_column() {
        record Case(String guestOs, String distribution, String version, String catalogId) {
        }
        for (Case c : List.of(
                new Case("{\"family\": \"linux\", \"distribution\": \"Debian\", \"version\": \"10\"}",
                        "Debian", "10.0-10.3 (Buster)", "debian-10-0-10-3-buster-built-in"),
                new Case("{\"family\": \"linux\", \"distribution\": \"CentOS\", \"version\": \"7.8\"}",
                        "RHEL/CentOS", "7.6-7.9", "rhel-centos-7-6-7-9-built-in"),
                new Case("{\"id\": \"oracle-linux-7-5-7-8-uek5-built-in\"}",
                        "Oracle Linux", "7.5-7.8", "oracle-linux-7-5-7-8-uek5-built-in"))) {
            String location = admin().contentType(ContentType.JSON).body("""
                    {"tenantId": "acme", "name": "named-1", "vcpus": 1, "memoryMb": 1024, "guestOs": %s}"""
                    .formatted(c.guestOs())).post("/api/v1/vms").then().statusCode(202).extract().header("Location");
            String vmId = admin().get(location).then().extract().path("vmId");
            admin().get("/api/v1/vms/" + vmId).then().statusCode(200)
                    .body("guestOs.distribution", equalTo(c.distribution()))
                    .body("guestOs.version", equalTo(c.version()))
                    .body("guestOs.catalogId", equalTo(c.catalogId()));
            assertThat(agentCommandFor(vmId).guestOs().catalogId()).isEqualTo(c.catalogId());
        }
    }

    @Test
    void an_unknown_guest_is_a_422_naming_the_closest_catalog_ids() {
        admin().contentType(ContentType.JSON).body("""
                {"tenantId": "acme", "name": "new-1", "vcpus": 1, "memoryMb": 1024,
                 "guestOs": {"family": "linux", "distribution": "Debian", "version": "12"}}""")
                .post("/api/v1/vms").then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://hyperplane.dev/problems/unknown-guest-os"))
                .body("errors[0].field", equalTo("guestOs"))
                .body("errors[0].reason", containsString("debian-11-bullseye-built-in"));
        admin().contentType(ContentType.JSON).body("""
                {"tenantId": "acme", "name": "new-2", "vcpus": 1, "memoryMb": 1024,
                 "guestOs": {"id": "ubuntu-22-04-lts-built-in"}}""")
                .post("/api/v1/vms").then()
                .statusCode(422).body("errors[0].field", equalTo("guestOs.id"))
                .body("errors[0].reason", containsString("ubuntu-"));
    }

    @Test
    void a_missing_body_is_a_400_problem() {
        admin().contentType(ContentType.JSON).post("/api/v1/vms").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unknown_vm_and_operation_are_404_problems() {
        admin().get("/api/v1/vms/nope").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("VM nope does not exist"));
        admin().get("/api/v1/operations/nope").then().statusCode(404).contentType("application/problem+json");
    }

    /** A fleet admin: sees every tenant; the bodies name theirs. */
    static RequestSpecification admin() {
        return given().auth().oauth2(DevTokens.shared().fleetAdmin());
    }

    private static ValidatableResponse createVm(String name, long memoryMb) {
        return createVm("acme", name, memoryMb);
    }

    private static ValidatableResponse createVm(String tenant, String name, long memoryMb) {
        return admin().contentType(ContentType.JSON)
                .body("""
                        {"tenantId": "%s", "name": "%s", "vcpus": 2, "memoryMb": %d,
                         "guestOs": {"family": "linux", "distribution": "Ubuntu", "version": "20.04 LTS"}}"""
                        .formatted(tenant, name, memoryMb))
                .post("/api/v1/vms").then();
    }

    /** A 1 GB VM of acme its host (this test) reports started: Running. */
    private static String running(String name) {
        return running("acme", name);
    }

    private static String running(String tenant, String name) {
        String location = createVm(tenant, name, 1024).statusCode(202).extract().header("Location");
        String vmId = admin().get(location).then().extract().path("vmId");
        CreateVmOnHost command = agentCommandFor(vmId);
        publish(new VmStartedOnHost(command.commandId(), HOST, vmId, Instant.now()), "answer-" + command.commandId());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/api/v1/vms/" + vmId).then()
                .body("state", equalTo("Running")));
        return vmId;
    }

    private static CreateVmOnHost agentCommandFor(String vmId) {
        var records = kafka.readUntil(Topics.AGENT_COMMANDS, Duration.ofSeconds(20), seen -> decode(seen).stream()
                .anyMatch(e -> e instanceof CreateVmOnHost c && c.vmId().equals(vmId)));
        return decode(records).stream().filter(e -> e instanceof CreateVmOnHost c && c.vmId().equals(vmId))
                .map(CreateVmOnHost.class::cast).findFirst().orElseThrow();
    }

    private static List<PublicEvent> decode(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(CloudEventCodec::decode).map(InboundEvent::data).toList();
    }

    private static void publish(PublicEvent event, String id) {
        kafka.send(CloudEventCodec.encode(event, id, "/test", Instant.now(), null, null));
    }
}
