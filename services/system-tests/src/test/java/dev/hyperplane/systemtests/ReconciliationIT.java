package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hyperplane.devstack.Devstack;
import dev.hyperplane.devstack.SupervisedProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Desired state against actual state on the devstack: what an administrator does on a host behind the control
 * plane's back shows in the host's inventory report, and provisioning corrects its record with an event naming the
 * cause. Each correction of the reconciler once, end to end.
 */
class ReconciliationIT {
    private static final Set<String> SETTLED = Set.of("Running", "Stopped", "Failed", "Deleted", "Lost");
    private static Api admin;

    @BeforeAll
    static void connect() {
        Devstack devstack = DevstackExtension.devstack();
        admin = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
    }

    @Test
    void a_vm_turned_off_on_its_host_becomes_stopped_and_one_deleted_there_becomes_lost() {
        String vmId = admin.running("reconcile", "recon-off", 1024);
        String hostId = admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText();

        assertThat(admin.post("/api/v1/agent/hosts/" + hostId + "/vms/" + vmId + "/out-of-band?action=turn-off", "")
                .status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Stopped"));
        // the record is right again: the panel starts it as usual
        admin.awaitOperation(admin.post("/api/v1/vms/" + vmId + "/start", ""), "Succeeded");
        assertThat(admin.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Running");

        assertThat(admin.post("/api/v1/agent/hosts/" + hostId + "/vms/" + vmId + "/out-of-band?action=delete", "")
                .status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Lost"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(admin.get("/api/v1/fleet/vms/" + vmId).body().get("state").asText()).isEqualTo("Lost"));

        List<String> corrections = new ArrayList<>();
        for (JsonNode entry : admin.get("/api/v1/vms/" + vmId + "/events?limit=500").body().get("items")) {
            if (entry.get("type").asText().equals("dev.hyperplane.vm.reconciled.v1")) {
                corrections.add(entry.at("/data/correction").asText() + ": " + entry.at("/data/reason").asText());
            }
        }
        assertThat(corrections).hasSize(2);
        assertThat(corrections.get(0)).startsWith("state: host " + hostId + " runs VM " + vmId + " (Off)");
        assertThat(corrections.get(1)).startsWith("lost: host " + hostId + " reports no VM " + vmId);
    }

    /**
     * The defect this issue started from: the agent is down while a VM waits for its host, the creation deadline
     * fails it, and the agent, back, starts it late. The late start is torn down on the host, never adopted.
     */
    @Test
    void a_vm_that_starts_after_its_creation_deadline_is_torn_down_and_stays_failed() {
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/v1/hosts").body().get("items")
                .findValuesAsText("state").stream().allMatch("Ready"::equals));
        SupervisedProcess agent = DevstackExtension.devstack().service("hypervisor-agent");
        agent.killAndKeepDown();
        Api.Reply created = admin.createVm("reconcile", "recon-late", 1024); // placed: the hosts still look Ready
        assertThat(created.status()).isEqualTo(202);
        String vmId = created.body().get("vmId").asText();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode vm = admin.get("/api/v1/vms/" + vmId).body();
            assertThat(vm.get("state").asText()).isEqualTo("Failed");
            assertThat(vm.get("failureReason").asText()).contains("after it was placed");
        });

        agent.start(); // it reads the create command it missed and starts the VM, too late
        agent.awaitReady(Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<String> corrections = new ArrayList<>();
            admin.get("/api/v1/vms/" + vmId + "/events?limit=500").body().get("items").forEach(e -> {
                if (e.get("type").asText().equals("dev.hyperplane.vm.reconciled.v1")) {
                    corrections.add(e.at("/data/correction").asText());
                }
            });
            assertThat(corrections).contains("tear-down");
            assertThat(onAnyHost(vmId)).as("the late start is removed from its host").isFalse();
        });
        assertThat(admin.get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Failed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                admin.get("/api/v1/fleet/vms/" + vmId).body().get("state").asText()).isEqualTo("Failed"));
    }

    /**
     * The {@code host} correction: an administrator live-migrates a VM to another host on the hosts themselves.
     * Provisioning records it where the hosts report it, moves its reservation, and sends later commands there.
     */
    @Test
    void a_vm_moved_to_another_host_behind_the_control_planes_back_is_recorded_and_managed_there() {
        String vmId = admin.running("reconcile", "recon-moved", 1024);
        String from = admin.get("/api/v1/vms/" + vmId).body().get("hostId").asText();
        String to = anotherHostThan(from);

        assertThat(admin.post("/api/v1/agent/hosts/" + from + "/vms/" + vmId + "/out-of-band?action=move&destination="
                + to, "").status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode vm = admin.get("/api/v1/vms/" + vmId).body();
            assertThat(vm.get("hostId").asText()).isEqualTo(to);
            assertThat(vm.get("state").asText()).isEqualTo("Running");
        });
        List<String> corrections = new ArrayList<>();
        admin.get("/api/v1/vms/" + vmId + "/events?limit=500").body().get("items").forEach(e -> {
            if (e.get("type").asText().equals("dev.hyperplane.vm.reconciled.v1")) {
                corrections.add(e.at("/data/correction").asText() + ": " + e.at("/data/reason").asText());
            }
        });
        assertThat(corrections).anySatisfy(c -> assertThat(c)
                .startsWith("host: host " + to + " runs VM " + vmId).contains("not on " + from + " as recorded"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                admin.get("/api/v1/fleet/vms/" + vmId).body().get("hostId").asText()).isEqualTo(to));

        // the record is right again: a stop goes to the host that runs the VM now
        admin.awaitOperation(admin.post("/api/v1/vms/" + vmId + "/stop", ""), "Succeeded");
        assertThat(stateOn(to, vmId)).isEqualTo("OFF");
        admin.awaitOperation(admin.delete("/api/v1/vms/" + vmId), "Succeeded");
        assertThat(onAnyHost(vmId)).isFalse();
    }

    /** Another host of the agent (the devstack's one agent runs a mix of Windows Server versions). */
    private static String anotherHostThan(String hostId) {
        List<String> hosts = new ArrayList<>();
        admin.get("/api/v1/agent/hosts?limit=500").body().get("items")
                .forEach(h -> hosts.add(h.at("/host/hostId").asText()));
        return hosts.stream().filter(h -> !h.equals(hostId)).findFirst().orElseThrow();
    }

    private static String stateOn(String hostId, String vmId) {
        for (JsonNode vm : admin.get("/api/v1/agent/hosts/" + hostId).body().get("vms")) {
            if (vm.get("vmId").asText().equals(vmId)) {
                return vm.get("state").asText();
            }
        }
        return null;
    }

    private static boolean onAnyHost(String vmId) {
        for (JsonNode host : admin.get("/api/v1/agent/hosts?limit=500").body().get("items")) {
            for (JsonNode vm : host.get("vms")) {
                if (vm.get("vmId").asText().equals(vmId)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void no_vm_is_left_in_a_transitional_state() {
        admin.running("reconcile", "recon-settled", 1024);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<String> stuck = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = admin.get("/api/v1/vms?limit=500" + (cursor == null ? "" : "&cursor=" + cursor)).body();
                page.get("items").forEach(vm -> {
                    if (!SETTLED.contains(vm.get("state").asText())) {
                        stuck.add(vm.get("vmId").asText() + " " + vm.get("state").asText());
                    }
                });
                cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText(null);
            } while (cursor != null);
            assertThat(stuck).as("VMs in a transitional state").isEmpty();
        });
    }
}
