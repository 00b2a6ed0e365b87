package dev.hyperplane.backup.api;

import dev.hyperplane.backup.control.BackupScheduler;
import dev.hyperplane.backup.query.BackupVms;
import dev.hyperplane.events.DiskContent;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.BackupCompletedOnHost;
import dev.hyperplane.events.agent.BackupVmOnHost;
import dev.hyperplane.events.backup.BackupCompleted;
import dev.hyperplane.events.backup.BackupFailed;
import dev.hyperplane.events.backup.BackupRequested;
import dev.hyperplane.events.backup.RestoreCompleted;
import dev.hyperplane.events.backup.RestoreFailed;
import dev.hyperplane.events.backup.RestorePointPruned;
import dev.hyperplane.events.backup.RestoreRequested;
import dev.hyperplane.events.vm.VmOperationCompleted;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmRestoreFailed;
import dev.hyperplane.events.vm.VmRestored;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.platform.messaging.TestBus;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

/**
 * Backup jobs over real Kafka and PostgreSQL, the test playing provisioning (the VMs) and the agents (the hosts that
 * take the backups): queued, started on the VM's host under the per-host limit, completed into a restore point or
 * failed with the reason; tenants see their own only.
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "backup_jobs"))
class BackupServiceTest {
    private static final DevTokens TOKENS = DevTokens.shared();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String ACME = "acme-" + RUN;
    private static final List<DiskContent> DISKS = List.of(new DiskContent(0, 130048, 4096, 321));
    private static TestBus bus;

    @Inject
    BackupVms vms;
    @Inject
    BackupScheduler scheduler;

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

    @Test
    void an_on_demand_backup_runs_on_the_vms_host_and_makes_a_restore_point() {
        String host = "host-a-" + RUN;
        String vmId = runningVm(ACME, host);
        String location = as(ACME).body("{\"vmId\": \"" + vmId + "\", \"consistency\": \"crash\"}")
                .post("/api/v1/backups").then().statusCode(202).body("state", equalTo("queued"))
                .body("trigger", equalTo("on-demand")).body("consistencyWanted", equalTo("crash"))
                .extract().header("Location");
        String backupId = location.substring(location.lastIndexOf('/') + 1);
        BackupVmOnHost command = bus.read(Topics.AGENT_COMMANDS, BackupVmOnHost.class,
                c -> c.commandId().equals(backupId));
        assertThat(command.hostId()).isEqualTo(host);
        assertThat(command.vmId()).isEqualTo(vmId);
        as(ACME).get(location).then().body("state", equalTo("running")).body("hostId", equalTo(host));

        bus.publish(completed(backupId, host, vmId, "file-system", "hv_vss_daemon froze and thawed the file systems"));
        BackupCompleted done = bus.read(Topics.BACKUP_EVENTS, BackupCompleted.class, e -> e.backupId().equals(backupId));
        assertThat(done.consistency()).isEqualTo("file-system");
        assertThat(done.sizeMb()).isEqualTo(4100);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(ACME).get(location).then()
                .body("state", equalTo("completed")).body("restorePointId", equalTo(backupId)));
        as(ACME).get("/api/v1/restore-points/" + backupId).then().statusCode(200)
                .body("vmId", equalTo(vmId)).body("consistency", equalTo("file-system")).body("full", equalTo(true))
                .body("sizeMb", equalTo(4100)).body("freezeMs", equalTo(1000)).body("hostId", equalTo(host))
                .body("disks[0].generation", equalTo(321)).body("protected", equalTo(false));
        as(ACME).queryParam("vm", vmId).get("/api/v1/restore-points").then()
                .body("items.restorePointId", equalTo(List.of(backupId)));
        as(ACME).get("/api/v1/backups/repository").then().statusCode(200).body("capacityMb", equalTo(null))
                .body("tenants[0].tenantId", equalTo(ACME)).body("tenants[0].usedMb", org.hamcrest.Matchers
                        .greaterThanOrEqualTo(4100));
        given().auth().oauth2(TOKENS.fleetAdmin()).get("/api/v1/backups/repository").then().statusCode(200)
                .body("capacityMb", equalTo(10485760)).body("tenants.tenantId", hasItem(ACME));

        // another tenant sees none of it
        String globex = "globex-" + RUN;
        as(globex).get(location).then().statusCode(404);
        as(globex).get("/api/v1/restore-points/" + backupId).then().statusCode(404);
        as(globex).queryParam("limit", 500).get("/api/v1/restore-points").then()
                .body("items.restorePointId", not(hasItem(backupId)));
        as(globex).body("{\"vmId\": \"" + vmId + "\"}").post("/api/v1/backups").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void a_backup_that_wants_application_consistency_fails_with_the_guests_reason_and_a_refusal_fails_too() {
        String host = "host-b-" + RUN;
        String strict = "strict-" + RUN;
        String vmId = runningVm(strict, host);
        as(strict).body("{\"schedule\": \"0 2 * * *\", \"consistency\": \"application\"}")
                .put("/api/v1/backup-policies/strict").then().statusCode(200);
        as(strict).body("{\"vmIds\": [\"" + vmId + "\"]}").put("/api/v1/backup-policies/strict/assignments").then()
                .statusCode(200);
        // on demand, without a consistency: the VM's policy's
        String location = as(strict).body("{\"vmId\": \"" + vmId + "\"}").post("/api/v1/backups").then()
                .statusCode(202).body("consistencyWanted", equalTo("application"))
                .body("policyId", equalTo(strict + "/strict")).extract().header("Location");
        String first = location.substring(location.lastIndexOf('/') + 1);
        bus.read(Topics.AGENT_COMMANDS, BackupVmOnHost.class, c -> c.commandId().equals(first));
        bus.publish(completed(first, host, vmId, "crash", "the file-system freeze failed in the guest; thawed"));
        assertThat(bus.read(Topics.BACKUP_EVENTS, BackupFailed.class, e -> e.backupId().equals(first)).reason())
                .isEqualTo("the policy wants application consistency; the guest gave crash: the file-system freeze "
                        + "failed in the guest; thawed");
        as(strict).get("/api/v1/restore-points/" + first).then().statusCode(404);

        String second = request(strict, vmId, "crash");
        bus.read(Topics.AGENT_COMMANDS, BackupVmOnHost.class, c -> c.commandId().equals(second));
        bus.publish(new AgentCommandRejected(second, host, vmId, "no VM " + vmId + " on host " + host));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(strict).get("/api/v1/backups/" + second).then()
                .body("state", equalTo("failed")).body("reason", containsString("refused by host " + host)));
    }

    @Test
    void a_host_runs_two_backups_at_once_the_third_waits_for_one_to_end() {
        String host = "host-c-" + RUN;
        List<String> backups = List.of(request(runningVm(ACME, host), "crash"),
                request(runningVm(ACME, host), "crash"), request(runningVm(ACME, host), "crash"));
        bus.read(Topics.AGENT_COMMANDS, BackupVmOnHost.class, c -> c.commandId().equals(backups.get(1)));
        assertThat(bus.seen(Topics.AGENT_COMMANDS, BackupVmOnHost.class, c -> c.commandId().equals(backups.get(2)),
                Duration.ofSeconds(2))).as("the third waits").isFalse();
        as(ACME).get("/api/v1/backups/" + backups.get(2)).then().body("state", equalTo("queued"));

        BackupVmOnHost firstOnHost = bus.read(Topics.AGENT_COMMANDS, BackupVmOnHost.class,
                c -> c.commandId().equals(backups.get(0)));
        bus.publish(completed(backups.get(0), host, firstOnHost.vmId(), "crash", "no live backup"));
        bus.read(Topics.AGENT_COMMANDS, BackupVmOnHost.class, c -> c.commandId().equals(backups.get(2)));
    }

    @Test
    void a_policy_runs_on_schedule_once_per_vm_and_time_and_missed_nights_run_once() {
        String tenant = "sched-" + RUN;
        as(tenant).body("""
                {"schedule": "0 2 * * *", "timeZone": "UTC", "windowMinutes": 60, "consistency": "crash",
                 "retention": {"keepDaily": 7}}""").put("/api/v1/backup-policies/nightly").then().statusCode(200);
        as(tenant).body("{\"vmIds\": [], \"tenantDefault\": true}")
                .put("/api/v1/backup-policies/nightly/assignments").then().statusCode(200);
        List<String> vmIds = List.of(runningVm(tenant, "host-d-" + RUN), runningVm(tenant, "host-e-" + RUN));
        Instant night = LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(2, 0).toInstant(ZoneOffset.UTC);

        scheduler.round(night.plusSeconds(30));
        for (String vmId : vmIds) {
            BackupRequested requested = bus.read(Topics.BACKUP_EVENTS, BackupRequested.class,
                    e -> e.vmId().equals(vmId));
            assertThat(requested.trigger()).isEqualTo("schedule");
            assertThat(requested.scheduledFor()).isEqualTo(night);
            assertThat(requested.startBy()).isEqualTo(night.plusSeconds(3600));
            assertThat(requested.policyId()).isEqualTo(tenant + "/nightly");
        }
        scheduler.round(night.plusSeconds(90)); // the same night again: nothing more
        // three nights missed (the service was down): the latest runs, once
        scheduler.round(night.plus(Duration.ofDays(3)).plusSeconds(30));
        scheduler.round(night.plus(Duration.ofDays(3)).plusSeconds(60));
        for (String vmId : vmIds) {
            as(tenant).queryParam("vm", vmId).get("/api/v1/backups").then()
                    .body("items.scheduledFor.size()", equalTo(2))
                    .body("items[0].scheduledFor", equalTo(night.plus(Duration.ofDays(3)).toString()))
                    .body("items[1].scheduledFor", equalTo(night.toString()));
        }
    }

    @Test
    void retention_keeps_the_newest_points_and_what_stays_is_restorable_protected_points_stay() {
        String tenant = "keep-" + RUN;
        String host = "host-f-" + RUN;
        String vmId = runningVm(tenant, host);
        as(tenant).body("{\"schedule\": \"0 2 * * *\", \"consistency\": \"crash\", \"retention\": {\"keepLast\": 2}}")
                .put("/api/v1/backup-policies/two").then().statusCode(200);
        as(tenant).body("{\"vmIds\": [\"" + vmId + "\"]}").put("/api/v1/backup-policies/two/assignments").then()
                .statusCode(200);
        String previous = null;
        List<String> points = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) { // a full point, then two incremental ones
            String backupId = request(tenant, vmId, "crash");
            bus.read(Topics.AGENT_COMMANDS, BackupVmOnHost.class, c -> c.commandId().equals(backupId));
            bus.publish(new BackupCompletedOnHost(host, vmId, backupId, "crash", "no live backup", 90_000,
                    Instant.now(), previous == null, previous, previous == null ? 4000L : 100L, 0L, 17_000L, DISKS));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(tenant).get("/api/v1/backups/" + backupId)
                    .then().body("state", equalTo("completed")));
            points.add(backupId);
            previous = backupId;
        }
        RestorePointPruned pruned = bus.read(Topics.BACKUP_EVENTS, RestorePointPruned.class,
                e -> e.restorePointId().equals(points.get(0)));
        assertThat(pruned.mergedInto()).isEqualTo(points.get(1));
        assertThat(pruned.reason()).isEqualTo("retention of policy " + tenant + "/two");
        as(tenant).queryParam("vm", vmId).get("/api/v1/restore-points").then()
                .body("items.restorePointId", equalTo(List.of(points.get(2), points.get(1))))
                .body("items[1].full", equalTo(true)).body("items[1].sizeMb", equalTo(4096)) // synthetic full
                .body("items[0].basedOn", equalTo(points.get(1)));

        String newest = "/api/v1/restore-points/" + points.get(2);
        as(tenant).post(newest + "/protect").then().statusCode(200).body("protected", equalTo(true));
        as(tenant).delete(newest).then().statusCode(409).contentType("application/problem+json");
        as(tenant).post(newest + "/unprotect").then().statusCode(200).body("protected", equalTo(false));
        as(tenant).delete(newest).then().statusCode(409).body("detail", containsString("next backup builds on it"));
        as(tenant).delete("/api/v1/restore-points/" + points.get(1)).then().statusCode(204);
        as(tenant).get(newest).then().body("full", equalTo(true)).body("basedOn", equalTo(null));
        as("globex-" + RUN).delete(newest).then().statusCode(404);
    }

    @Test
    void two_backups_of_one_vm_run_one_after_the_other() {
        String host = "host-g-" + RUN;
        String vmId = runningVm(ACME, host);
        String first = request(vmId, "crash");
        String second = request(vmId, "crash");
        bus.read(Topics.AGENT_COMMANDS, BackupVmOnHost.class, c -> c.commandId().equals(first));
        assertThat(bus.seen(Topics.AGENT_COMMANDS, BackupVmOnHost.class, c -> c.commandId().equals(second),
                Duration.ofSeconds(2))).as("its host takes one backup of a VM at a time").isFalse();
        bus.publish(completed(first, host, vmId, "crash", "no live backup"));
        bus.read(Topics.AGENT_COMMANDS, BackupVmOnHost.class, c -> c.commandId().equals(second));
    }

    @Test
    void bad_requests_are_problems() {
        as(ACME).body("{}").post("/api/v1/backups").then().statusCode(400).body("errors[0].field",
                containsString("vmId"));
        as(ACME).body("{\"vmId\": \"nope\"}").post("/api/v1/backups").then().statusCode(404);
        as(ACME).queryParam("state", "exploded").get("/api/v1/backups").then().statusCode(400)
                .body("errors[0].field", equalTo("state"));
        as(ACME).get("/api/v1/backups/nope").then().statusCode(404).contentType("application/problem+json");
    }

    private String request(String vmId, String consistency) {
        return request(ACME, vmId, consistency);
    }

    private String request(String tenant, String vmId, String consistency) {
        String location = as(tenant).body("{\"vmId\": \"" + vmId + "\", \"consistency\": \"" + consistency + "\"}")
                .post("/api/v1/backups").then().statusCode(202).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void a_restore_point_restored_as_a_new_vm_asks_provisioning_for_the_vm_with_the_points_disks_and_spec() {
        String host = "host-r-" + RUN;
        String vmId = runningVm(ACME, host);
        String pointId = backedUp(ACME, host, vmId);

        String location = as(ACME).body("{\"mode\": \"new-vm\"}")
                .post("/api/v1/restore-points/" + pointId + "/restore").then().statusCode(202)
                .body("state", equalTo("running")).body("mode", equalTo("new-vm")).body("sourceVmId", equalTo(vmId))
                .body("name", equalTo("web-restored")).extract().header("Location");
        String restoreId = location.substring(location.lastIndexOf('/') + 1);
        RestoreRequested asked = bus.read(Topics.BACKUP_EVENTS, RestoreRequested.class,
                e -> e.restoreId().equals(restoreId));
        assertThat(asked.vmId()).as("a new VM").isNotEqualTo(vmId);
        assertThat(asked.tenantId()).isEqualTo(ACME);
        assertThat(asked.disks()).isEqualTo(DISKS);
        assertThat(asked.vcpus()).isEqualTo(2);
        assertThat(asked.memoryMb()).isEqualTo(4096);
        assertThat(asked.guestOs().distribution()).isEqualTo("Ubuntu");
        as(ACME).get(location).then().statusCode(200).body("vmId", equalTo(asked.vmId()));
        as("globex-" + RUN).get(location).then().statusCode(404);

        // provisioning creates and starts it: the restore ends
        bus.publish(new VmRequested(asked.vmId(), ACME, asked.name(), 2, 4096, asked.guestOs(), 1, false,
                asked.memory(), restoreId, null, asked.requestedBy(), Instant.now(), null, null, restoreId,
                asked.disks()));
        bus.publish(new VmStarted(asked.vmId(), "host-other-" + RUN, Instant.now()));
        RestoreCompleted done = bus.read(Topics.BACKUP_EVENTS, RestoreCompleted.class,
                e -> e.restoreId().equals(restoreId));
        assertThat(done.vmId()).isEqualTo(asked.vmId());
        as(ACME).get(location).then().body("state", equalTo("completed"));
        as(ACME).queryParam("vm", vmId).get("/api/v1/restores").then()
                .body("items.restoreId", hasItem(restoreId));
    }

    @Test
    void an_in_place_restore_ends_with_provisionings_answer_and_a_deleted_vm_is_restored_only_as_a_new_one() {
        String host = "host-i-" + RUN;
        String vmId = runningVm(ACME, host);
        String pointId = backedUp(ACME, host, vmId);

        String location = as(ACME).body("{\"mode\": \"in-place\"}")
                .post("/api/v1/restore-points/" + pointId + "/restore").then().statusCode(202)
                .body("vmId", equalTo(vmId)).extract().header("Location");
        String restoreId = location.substring(location.lastIndexOf('/') + 1);
        bus.read(Topics.BACKUP_EVENTS, RestoreRequested.class, e -> e.restoreId().equals(restoreId));
        bus.publish(new VmRestoreFailed(vmId, ACME, restoreId, "operation op-9 (stop) of VM " + vmId
                + " is still running", "Running", Instant.now()));
        assertThat(bus.read(Topics.BACKUP_EVENTS, RestoreFailed.class, e -> e.restoreId().equals(restoreId))
                .reason()).isEqualTo("operation op-9 (stop) of VM " + vmId + " is still running");
        as(ACME).get(location).then().body("state", equalTo("failed"))
                .body("reason", containsString("still running"));

        String again = as(ACME).body("{\"mode\": \"in-place\"}")
                .post("/api/v1/restore-points/" + pointId + "/restore").then().statusCode(202)
                .extract().path("restoreId");
        bus.publish(new VmRestored(vmId, again, host, Instant.now()));
        bus.read(Topics.BACKUP_EVENTS, RestoreCompleted.class, e -> e.restoreId().equals(again));

        bus.publish(new VmOperationCompleted(vmId, "op-del-" + vmId, "delete", "Deleted", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> vms.find(vmId).map(vm -> vm.state().equals("Deleted"))
                .orElse(false));
        as(ACME).body("{\"mode\": \"in-place\"}").post("/api/v1/restore-points/" + pointId + "/restore").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("VM " + vmId + " is deleted; restore the point as a new VM"));
        as(ACME).body("{\"mode\": \"new-vm\", \"name\": \"back-again\"}")
                .post("/api/v1/restore-points/" + pointId + "/restore").then().statusCode(202)
                .body("name", equalTo("back-again"));
        as(ACME).body("{\"mode\": \"sideways\"}").post("/api/v1/restore-points/" + pointId + "/restore").then()
                .statusCode(400).contentType("application/problem+json").body(containsString("new-vm or in-place"));
        as("globex-" + RUN).body("{\"mode\": \"new-vm\"}")
                .post("/api/v1/restore-points/" + pointId + "/restore").then().statusCode(404);
    }

    /** One completed backup of the VM: its restore point's id. */
    private String backedUp(String tenant, String host, String vmId) {
        String backupId = as(tenant).body("{\"vmId\": \"" + vmId + "\", \"consistency\": \"crash\"}")
                .post("/api/v1/backups").then().statusCode(202).extract().path("backupId");
        bus.read(Topics.AGENT_COMMANDS, BackupVmOnHost.class, c -> c.commandId().equals(backupId));
        bus.publish(completed(backupId, host, vmId, "file-system", "hv_vss_daemon froze and thawed the file systems"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(tenant).get("/api/v1/restore-points/"
                + backupId).then().statusCode(200));
        return backupId;
    }

    private static BackupCompletedOnHost completed(String backupId, String host, String vmId, String consistency,
                                                   String reason) {
        return new BackupCompletedOnHost(host, vmId, backupId, consistency, reason, 90_000, Instant.now(), true,
                null, 4100L, "crash".equals(consistency) ? 0L : 1000L, 17_400L, DISKS);
    }

    /** A VM of the tenant running on the host, as provisioning announces it, once this service has read it. */
    private String runningVm(String tenant, String host) {
        String vmId = "vm-" + UUID.randomUUID();
        bus.publish(new VmRequested(vmId, tenant, "web", 2, 4096, new GuestOs("linux", "Ubuntu", "20.04 LTS", null),
                1, false, MemoryPlan.fixed(4096), "op-" + vmId, null, "admin@" + tenant, Instant.now(), null, null));
        bus.publish(new VmStarted(vmId, host, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> vms.find(vmId).map(vm -> vm.state().equals("Running"))
                .orElse(false));
        return vmId;
    }
}
