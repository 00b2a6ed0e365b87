package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hyperplane.devstack.Devstack;
import dev.hyperplane.devstack.SupervisedProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backups on the devstack, through the gateway, taken by the agents' engines: each guest reaches the consistency
 * Hyper-V gives it, with the reason when it is only crash-consistent (no live backup in the tables, the backup
 * daemon stopped, a freeze that fails and is thawed); a policy that wants application consistency refuses the rest;
 * tenants see only their own; a backup service killed mid-job ends the job completed or failed, never stuck; a
 * restore point restored as a new VM or in place gives back its disks' content; a policy runs on its schedule and
 * prunes what its retention does not keep.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final String TENANT = "backups-" + RUN;
    private static Devstack devstack;
    private static Api admin;
    private static Api tenant;
    private static final List<String> created = new ArrayList<>();
    /** Backed up every minute by a policy keeping one point, while the other tests run. */
    private static String scheduled;

    @BeforeAll
    static void start() {
        devstack = DevstackExtension.devstack();
        admin = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
        tenant = admin.as(devstack.tokens().tenant("tenant-admin", TENANT));
        assertThat(admin.put("/api/v1/tenants/" + TENANT + "/quota", """
                {"vcpus": 100, "memoryMb": 262144, "vms": 50}""").status()).isEqualTo(200);
        scheduled = vm("scheduled", "linux", "Ubuntu", "20.04 LTS");
        assertThat(tenant.put("/api/v1/backup-policies/every-minute", """
                {"schedule": "* * * * *", "consistency": "crash", "retention": {"keepLast": 1}}""").status())
                .isEqualTo(200);
        assertThat(tenant.put("/api/v1/backup-policies/every-minute/assignments", """
                {"vmIds": ["%s"]}""".formatted(scheduled)).status()).isEqualTo(200);
    }

    /** The devstack is shared: the VMs go. */
    @AfterAll
    static void deleteVms() {
        if (admin != null) {
            created.forEach(vmId -> admin.delete("/api/v1/vms/" + vmId));
        }
    }

    @Test
    void each_guest_reaches_the_consistency_hyper_v_gives_it_with_the_reason_when_it_is_crash_consistent() {
        Map<String, String> vms = new LinkedHashMap<>();
        vms.put("windows", vm("win", "windows", "Windows Server", "2022"));
        vms.put("rhel7", vm("rhel", "linux", "RHEL/CentOS", "7.6-7.9"));
        vms.put("unsupported", vm("old", "linux", "Ubuntu", "12.04 LTS"));
        vms.put("daemon-stopped", vm("nodaemon", "linux", "Ubuntu", "20.04 LTS"));
        vms.put("freeze-fails", vm("nofreeze", "linux", "Ubuntu", "20.04 LTS"));
        fault(vms.get("daemon-stopped"), "vss-daemon-stop");
        fault(vms.get("freeze-fails"), "freeze-fault?mode=fail");

        Map<String, String> backups = new LinkedHashMap<>();
        vms.forEach((kind, vmId) -> backups.put(kind, backUp(vmId, "crash")));
        Map<String, JsonNode> points = new LinkedHashMap<>();
        backups.forEach((kind, backupId) -> points.put(kind, awaitEnded(backupId, "completed")));
        expect(points.get("windows"), "application", "VSS writers");
        expect(points.get("rhel7"), "file-system", "hv_vss_daemon froze and thawed");
        expect(points.get("unsupported"), "crash", "not supported by Ubuntu 12.04");
        expect(points.get("daemon-stopped"), "crash", "hv_vss_daemon did not answer");
        expect(points.get("freeze-fails"), "crash", "freeze failed in the guest; thawed");
        assertThat(points.get("windows").get("freezeMs").asLong()).isEqualTo(2000);
        assertThat(points.get("freeze-fails").get("freezeMs").asLong()).isZero();
        for (JsonNode point : points.values()) {
            assertThat(point.get("full").asBoolean()).as("a first backup reads everything").isTrue();
            assertThat(point.get("sizeMb").asLong()).isGreaterThan(1000);
            assertThat(point.get("disks").get(0).get("generation").asLong()).isPositive();
        }

        // thawed: the guest whose freeze failed writes on after its backup
        long atBackup = points.get("freeze-fails").get("disks").get(0).get("generation").asLong();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(generation(vms.get("freeze-fails")))
                .isGreaterThan(atBackup));
        // a backup that must be application-consistent is refused with the guest's reason
        JsonNode refused = awaitEnded(backUp(vms.get("daemon-stopped"), "application"), "failed");
        assertThat(refused.get("reason").asText()).contains("wants application consistency")
                .contains("hv_vss_daemon did not answer");
    }

    @Test
    void a_tenant_never_sees_another_tenants_backups() {
        String vmId = vm("private", "linux", "Ubuntu", "20.04 LTS");
        String backupId = backUp(vmId, "crash");
        Api other = admin.as(devstack.tokens().tenant("tenant-admin", "other-" + RUN));
        assertThat(other.get("/api/v1/backups/" + backupId).status()).isEqualTo(404);
        assertThat(other.post("/api/v1/backups", "{\"vmId\": \"" + vmId + "\"}").status()).isEqualTo(404);
        awaitEnded(backupId, "completed");
        assertThat(other.get("/api/v1/restore-points/" + backupId).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/restore-points?limit=500").body().get("items").findValuesAsText("vmId"))
                .doesNotContain(vmId);
        assertThat(tenant.get("/api/v1/restore-points?vm=" + vmId).body().get("items").findValuesAsText(
                "restorePointId")).containsExactly(backupId);
    }

    @Test
    void a_backup_service_killed_mid_job_ends_the_job_completed_or_failed_never_stuck() {
        String vmId = vm("survivor", "linux", "Ubuntu", "20.04 LTS"); // 4 GB to read: its host answers while it is down
        String backupId = backUp(vmId, "crash");
        await().atMost(Duration.ofSeconds(30)).until(() -> tenant.get("/api/v1/backups/" + backupId).body()
                .get("state").asText().equals("running"));
        SupervisedProcess backup = devstack.service("backup");
        backup.kill();
        backup.awaitReady(Duration.ofSeconds(120));
        JsonNode ended = await().atMost(Duration.ofSeconds(180)).until(
                () -> tenant.get("/api/v1/backups/" + backupId).body(),
                b -> b.get("state").asText().equals("completed") || b.get("state").asText().equals("failed"));
        System.out.printf("backup killed mid-job ended %s: %s%n", ended.get("state").asText(),
                ended.get("reason").asText());
        if (ended.get("state").asText().equals("completed")) {
            assertThat(tenant.get("/api/v1/restore-points/" + backupId).status()).isEqualTo(200);
        }
    }

    @Test
    void a_point_restored_as_a_new_vm_runs_with_the_same_spec_and_its_disks_and_in_place_puts_them_back() {
        String vmId = vm("source", "linux", "Ubuntu", "20.04 LTS");
        // the guest writes to its disk every second it runs: a fresh disk's generation is the seconds since boot
        await().atMost(Duration.ofSeconds(60)).until(() -> generation(vmId) >= 20);
        JsonNode point = awaitEnded(backUp(vmId, "crash"), "completed");
        long atBackup = point.get("disks").get(0).get("generation").asLong();
        String pointId = point.get("restorePointId").asText();

        JsonNode copy = restored(pointId, "{\"mode\": \"new-vm\", \"name\": \"source-copy\"}");
        String copyId = copy.get("vmId").asText();
        created.add(copyId);
        assertThat(copyId).isNotEqualTo(vmId);
        JsonNode original = tenant.get("/api/v1/vms/" + vmId).body();
        JsonNode copyVm = tenant.get("/api/v1/vms/" + copyId).body();
        assertThat(copyVm.get("state").asText()).isEqualTo("Running");
        assertThat(copyVm.get("name").asText()).isEqualTo("source-copy");
        for (String field : List.of("vcpus", "memoryMb", "generation", "guestOs", "dynamicMemory")) {
            assertThat(copyVm.get(field)).as(field).isEqualTo(original.get(field));
        }
        assertThat(generation(copyId)).as("the copy's disk carries the point's content, not a fresh disk's")
                .isGreaterThanOrEqualTo(atBackup);

        // in place: the VM wrote on since its backup; the restore puts the point's content back
        await().atMost(Duration.ofSeconds(90)).until(() -> generation(vmId) >= atBackup + 30);
        long before = generation(vmId);
        restored(pointId, "{\"mode\": \"in-place\"}");
        long after = generation(vmId);
        System.out.printf("in-place restore: disk generation %d before, %d at the point, %d after%n", before,
                atBackup, after);
        assertThat(after).isGreaterThanOrEqualTo(atBackup).isLessThan(before);
        assertThat(tenant.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Running");
        assertThat(tenant.get("/api/v1/restores?vm=" + vmId).body().get("items").findValuesAsText("mode"))
                .containsExactlyInAnyOrder("new-vm", "in-place");
    }

    /** Last: the policy set up before the other tests has run on its schedule since, and pruned as it keeps one. */
    @Test
    @Order(Integer.MAX_VALUE)
    void a_policy_runs_on_its_schedule_and_prunes_what_its_retention_does_not_keep() {
        JsonNode runs = await().atMost(Duration.ofSeconds(180)).until(() -> tenant.get("/api/v1/backups?state="
                + "completed&vm=" + scheduled).body().get("items"), items -> items.size() >= 2);
        for (JsonNode run : runs) {
            assertThat(run.get("trigger").asText()).isEqualTo("schedule");
            assertThat(run.get("policyId").asText()).isEqualTo(TENANT + "/every-minute");
        }
        // keepLast 1: only the newest run's point is left (the policy may have run once more meanwhile)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> completed = tenant.get("/api/v1/backups?state=completed&vm=" + scheduled).body()
                    .get("items").findValuesAsText("backupId");
            assertThat(tenant.get("/api/v1/restore-points?vm=" + scheduled).body().get("items")
                    .findValuesAsText("restorePointId")).containsExactly(completed.get(0));
        });
        System.out.printf("policy every-minute: %d scheduled runs, one restore point kept%n", runs.size());
    }

    /** Restores the point as {@code request} asks and waits for the restore to complete; @return the restore. */
    private static JsonNode restored(String pointId, String request) {
        Api.Reply accepted = tenant.post("/api/v1/restore-points/" + pointId + "/restore", request);
        assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(202);
        String location = "/api/v1/restores/" + accepted.body().get("restoreId").asText();
        assertThat(accepted.raw().headers().firstValue("Location").orElseThrow()).endsWith(location);
        JsonNode ended = await().atMost(Duration.ofSeconds(180)).until(() -> tenant.get(location).body(),
                r -> !r.get("state").asText().equals("running"));
        assertThat(ended.get("state").asText()).as(ended.toString()).isEqualTo("completed");
        return ended;
    }

    private static String vm(String name, String family, String distribution, String version) {
        Api.Reply reply = tenant.createVm(TENANT, name, 2048, family, distribution, version);
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(202);
        String vmId = reply.body().get("vmId").asText();
        created.add(vmId);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                tenant.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Running"));
        return vmId;
    }

    /** A fault of the guest's backup side, injected on its host's agent. */
    private static void fault(String vmId, String control) {
        String host = admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText();
        assertThat(admin.post("/api/v1/agent/hosts/" + host + "/vms/" + vmId + "/" + control, "").status())
                .isEqualTo(202);
    }

    /** @return the backup's id */
    private static String backUp(String vmId, String consistency) {
        Api.Reply accepted = tenant.post("/api/v1/backups", """
                {"vmId": "%s", "consistency": "%s"}""".formatted(vmId, consistency));
        assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(202);
        return accepted.body().get("backupId").asText();
    }

    /** Waits for the backup to end in {@code state}; @return its restore point when completed, else the backup. */
    private static JsonNode awaitEnded(String backupId, String state) {
        JsonNode ended = await().atMost(Duration.ofSeconds(180)).until(
                () -> tenant.get("/api/v1/backups/" + backupId).body(),
                b -> b.get("state").asText().equals("completed") || b.get("state").asText().equals("failed"));
        assertThat(ended.get("state").asText()).as(ended.toString()).isEqualTo(state);
        return state.equals("completed") ? tenant.get("/api/v1/restore-points/" + backupId).body() : ended;
    }

    private static void expect(JsonNode point, String consistency, String reason) {
        assertThat(point.get("consistency").asText()).as(point.toString()).isEqualTo(consistency);
        assertThat(point.get("reason").asText()).contains(reason);
    }

    private static long generation(String vmId) {
        String host = admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText();
        for (JsonNode vm : admin.get("/api/v1/agent/hosts/" + host).body().get("vms")) {
            if (vm.get("vmId").asText().equals(vmId)) {
                return vm.get("disks").get(0).get("generation").asLong();
            }
        }
        throw new AssertionError("VM " + vmId + " not on host " + host);
    }
}
