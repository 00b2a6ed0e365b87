package dev.hyperplane.migration.api;

import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentHeartbeat;
import dev.hyperplane.events.agent.FenceHost;
import dev.hyperplane.events.agent.HostFenceResult;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.events.agent.GuestHeartbeatChanged;
import dev.hyperplane.events.capacity.HaReserveChanged;
import dev.hyperplane.events.agent.GuestPanickedOnHost;
import dev.hyperplane.events.agent.VmStateChangedOnHost;
import dev.hyperplane.events.migration.EvacuationStarted;
import dev.hyperplane.events.migration.HaGuestResetRequested;
import dev.hyperplane.events.migration.HaGuestResetWithheld;
import dev.hyperplane.events.migration.HaIncidentEnded;
import dev.hyperplane.events.migration.HaHostQuarantineEnded;
import dev.hyperplane.events.migration.HaHostQuarantined;
import dev.hyperplane.events.migration.HaIncidentOpened;
import dev.hyperplane.events.migration.MigrationRequested;
import dev.hyperplane.events.migration.HaRestartRequested;
import dev.hyperplane.events.vm.VmMoveRefused;
import dev.hyperplane.events.vm.VmMoveStarted;
import dev.hyperplane.events.vm.VmMoved;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.events.vm.VmStarted;
import dev.hyperplane.migration.command.HaHost;
import dev.hyperplane.migration.query.MigrationVms;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.platform.messaging.TestBus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * HA in the migration service over real Kafka and PostgreSQL: the test plays the agents (heartbeats, each host's
 * telemetry, fence answers) and provisioning (VMs; restarts placed, run or refused). A host that falls silent while
 * its agent beats is fenced first, then its VMs are restarted tier by tier; a host whose agent is silent is never
 * fenced; a fence that fails waits for an operator.
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "migration"))
class HaServiceTest {
    private static final DevTokens TOKENS = DevTokens.shared();
    private static final GuestOs UBUNTU = new GuestOs("linux", "Ubuntu", "20.04 LTS");
    private static TestBus bus;
    /** Which hosts each simulated agent runs; agents not in here are silent. */
    private static final Map<String, List<String>> AGENTS = new ConcurrentHashMap<>();
    /** Hosts that report nothing (powered off, cut off). */
    private static final Set<String> SILENT = ConcurrentHashMap.newKeySet();
    private static ScheduledExecutorService beats;

    @Inject
    MigrationVms vms;

    @BeforeAll
    static void start() {
        bus = new TestBus();
        beats = Executors.newSingleThreadScheduledExecutor();
        beats.scheduleAtFixedRate(() -> AGENTS.forEach((agent, hosts) -> {
            Instant now = Instant.now();
            bus.publish(new AgentHeartbeat(agent, hosts, now));
            hosts.stream().filter(h -> !SILENT.contains(h))
                    .forEach(h -> bus.publish(new HostTelemetry(h, 0, 1024, List.of(), now)));
        }), 0, 1, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        beats.shutdownNow();
        bus.close();
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TOKENS.fleetAdmin());
    }

    @Test
    void a_host_silent_while_its_agent_beats_is_fenced_then_its_vms_restart_elsewhere_tier_by_tier() {
        String failed = "ha-a-" + UUID.randomUUID();
        String healthy = "ha-b-" + UUID.randomUUID();
        String high = runningVm(failed, "high");
        String medium = runningVm(failed, "medium");
        String off = runningVm(failed, "off");
        AGENTS.put("agent-ha-1", List.of(failed, healthy));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/api/v1/ha/status").then()
                .body("hosts.findAll { it.hostId == '" + failed + "' }.state", equalTo(List.of("ready"))));

        SILENT.add(failed); // it loses power: silent while its agent beats on
        FenceHost fence = bus.read(Topics.AGENT_COMMANDS, FenceHost.class, e -> e.hostId().equals(failed));
        HaIncidentOpened opened = bus.read(Topics.MIGRATION_EVENTS, HaIncidentOpened.class,
                e -> e.hostId().equals(failed));
        assertThat(opened.agentId()).isEqualTo("agent-ha-1");
        assertThat(opened.reason()).contains("while its agent is alive");
        String incident = "/api/v1/ha/incidents/" + opened.incidentId();
        admin().get(incident).then().statusCode(200).body("state", equalTo("fencing"))
                .body("hostId", equalTo(failed));
        assertThat(bus.seen(Topics.MIGRATION_EVENTS, HaRestartRequested.class, e -> e.failedHostId().equals(failed),
                Duration.ofSeconds(2))).as("nothing restarts before the fence").isFalse();

        bus.publish(new HostFenceResult(fence.commandId(), failed, true, null, Instant.now()));
        HaRestartRequested first = bus.read(Topics.MIGRATION_EVENTS, HaRestartRequested.class,
                e -> e.vmId().equals(high));
        assertThat(first.haPriority()).isEqualTo("high");
        assertThat(first.restartId()).startsWith("ha-");
        admin().get(incident).then().body("state", equalTo("restarting"))
                .body("fenceMethod", equalTo("management-controller"))
                .body("vms.find { it.vmId == '" + medium + "' }.state", equalTo("waiting"))
                .body("vms.find { it.vmId == '" + off + "' }.state", equalTo("not-restarted"))
                .body("vms.find { it.vmId == '" + off + "' }.reason", equalTo("its HA priority is off"));
        admin().get("/api/v1/ha/status").then().body("fencedHosts", hasItem(failed));
        assertThat(bus.seen(Topics.MIGRATION_EVENTS, HaRestartRequested.class, e -> e.vmId().equals(medium),
                Duration.ofSeconds(1))).as("the medium tier waits for the high one").isFalse();

        // provisioning places and starts the high one: then the medium tier is asked for
        bus.publish(new VmMoveStarted(high, first.restartId(), failed, healthy, "ha", Instant.now()));
        bus.publish(new VmMoved(high, first.restartId(), failed, healthy, "ha", Instant.now()));
        HaRestartRequested second = bus.read(Topics.MIGRATION_EVENTS, HaRestartRequested.class,
                e -> e.vmId().equals(medium));
        bus.publish(new VmMoveRefused(medium, second.restartId(), "no host has 4096 MB free", Instant.now()));
        HaRestartRequested again = bus.read(Topics.MIGRATION_EVENTS, HaRestartRequested.class,
                e -> e.vmId().equals(medium) && e.attempt() == 2);
        bus.publish(new VmMoved(medium, again.restartId(), failed, healthy, "ha", Instant.now()));
        HaIncidentEnded ended = bus.read(Topics.MIGRATION_EVENTS, HaIncidentEnded.class,
                e -> e.incidentId().equals(opened.incidentId()));
        assertThat(ended.restarted()).isEqualTo(2);
        assertThat(ended.notRestarted()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().get(incident).then()
                .body("state", equalTo("ended"))
                .body("vms.find { it.vmId == '" + high + "' }.hostId", equalTo(healthy))
                .body("vms.find { it.vmId == '" + medium + "' }.attempts", equalTo(2)));

        // fenced, it is not judged again; an operator clears it once it is back
        admin().post(incident + "/confirm-fence").then().statusCode(409);
        admin().post("/api/v1/ha/hosts/" + failed + "/clear").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("does not report yet"));
        SILENT.remove(failed); // powered on again: it reports, every VM off
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().post("/api/v1/ha/hosts/" + failed
                + "/clear").then().statusCode(200).body("state", not("fenced")));
        admin().post("/api/v1/ha/hosts/" + failed + "/clear").then().statusCode(409)
                .contentType("application/problem+json");
        AGENTS.remove("agent-ha-1");
    }

    @Test
    void a_host_whose_agent_is_silent_too_is_never_fenced() throws InterruptedException {
        String host = "ha-c-" + UUID.randomUUID();
        runningVm(host, "high");
        AGENTS.put("agent-ha-2", List.of(host));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/api/v1/ha/status").then()
                .body("hosts.findAll { it.hostId == '" + host + "' }.state", equalTo(List.of("ready"))));
        AGENTS.remove("agent-ha-2"); // the agent is killed: its host goes silent with it
        Thread.sleep(8_000);
        admin().queryParam("host", host).get("/api/v1/ha/incidents").then().statusCode(200)
                .body("items", equalTo(List.of()));
        admin().get("/api/v1/ha/status").then()
                .body("hosts.findAll { it.hostId == '" + host + "' }.state", equalTo(List.of("unknown")));
    }

    @Test
    void a_fence_that_fails_alerts_and_waits_for_an_operator_who_confirms_it() {
        String host = "ha-d-" + UUID.randomUUID();
        String vm = runningVm(host, "medium");
        AGENTS.put("agent-ha-3", List.of(host, "ha-e-" + UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/api/v1/ha/status").then()
                .body("hosts.findAll { it.hostId == '" + host + "' }.state", equalTo(List.of("ready"))));
        SILENT.add(host);
        FenceHost fence = bus.read(Topics.AGENT_COMMANDS, FenceHost.class, e -> e.hostId().equals(host));
        String incident = "/api/v1/ha/incidents/" + fence.commandId().substring(0, fence.commandId().indexOf('/'));
        bus.publish(new HostFenceResult(fence.commandId(), host, false, "the management controller of host " + host
                + " does not answer", Instant.now()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().get(incident).then()
                .body("state", equalTo("fence-failed")).body("alerts[0].kind", equalTo("fence-failed"))
                .body("vms", equalTo(List.of())));
        assertThat(bus.read(Topics.AGENT_COMMANDS, FenceHost.class, e -> e.hostId().equals(host)
                && !e.commandId().equals(fence.commandId())).commandId()).as("the fence is tried again").isNotNull();

        admin().post(incident + "/confirm-fence").then().statusCode(202).body("fenceMethod", equalTo("operator"));
        assertThat(bus.read(Topics.MIGRATION_EVENTS, HaRestartRequested.class, e -> e.vmId().equals(vm)).attempt())
                .isEqualTo(1);
        SILENT.remove(host);
        AGENTS.remove("agent-ha-3");
    }

    @Test
    void a_hung_guest_is_reset_once_per_hang_three_times_an_hour_and_one_writing_a_crash_dump_is_left_alone() {
        String host = "ha-g-" + UUID.randomUUID();
        String hung = "vm-" + UUID.randomUUID();
        String dumping = "vm-" + UUID.randomUUID();
        for (String vm : List.of(hung, dumping)) {
            bus.publish(new VmStateChangedOnHost(host, vm, "Starting", "Running", "booted", 0, Instant.now()));
            bus.publish(new GuestHeartbeatChanged(host, vm, "Ok", Instant.now()));
        }
        bus.publish(new GuestPanickedOnHost(host, dumping, 0, Instant.now()));
        bus.publish(new GuestHeartbeatChanged(host, dumping, "LostCommunication", Instant.now()));
        for (int hang = 1; hang <= 4; hang++) {
            Instant lost = Instant.now().truncatedTo(ChronoUnit.MILLIS); // as the database keeps it
            bus.publish(new GuestHeartbeatChanged(host, hung, "LostCommunication", lost));
            if (hang <= 3) {
                HaGuestResetRequested reset = bus.read(Topics.MIGRATION_EVENTS, HaGuestResetRequested.class,
                        e -> e.vmId().equals(hung) && e.lostSince().equals(lost));
                assertThat(reset.resetsInLastHour()).isEqualTo(hang - 1);
                assertThat(Duration.between(lost, reset.requestedAt())).as("lost for the configured 3 s first")
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
                // provisioning resets it: the guest boots and answers again
                bus.publish(new VmStateChangedOnHost(host, hung, "Running", "Resetting", "restart", 0, Instant.now()));
                bus.publish(new VmStateChangedOnHost(host, hung, "Resetting", "Starting", "restart", 0, Instant.now()));
                bus.publish(new VmStateChangedOnHost(host, hung, "Starting", "Running", "booted", 0, Instant.now()));
                bus.publish(new GuestHeartbeatChanged(host, hung, "Ok", Instant.now()));
            } else {
                HaGuestResetWithheld withheld = bus.read(Topics.MIGRATION_EVENTS, HaGuestResetWithheld.class,
                        e -> e.vmId().equals(hung));
                assertThat(withheld.lostSince()).isEqualTo(lost);
                assertThat(withheld.reason()).contains("reset 3 times within 60 min");
            }
        }
        assertThat(bus.seen(Topics.MIGRATION_EVENTS, HaGuestResetRequested.class,
                e -> e.vmId().equals(dumping), Duration.ofSeconds(1))).as("a guest writing its dump").isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().queryParam("vm", hung)
                .get("/api/v1/ha/guest-resets").then().statusCode(200)
                .body("items.outcome", equalTo(List.of("withheld", "reset", "reset", "reset"))));
        String cursor = admin().queryParam("vm", hung).queryParam("limit", 2).get("/api/v1/ha/guest-resets").then()
                .body("items.size()", equalTo(2)).extract().path("nextCursor");
        admin().queryParam("vm", hung).queryParam("cursor", cursor).get("/api/v1/ha/guest-resets").then()
                .body("items.outcome", equalTo(List.of("reset", "reset")));
    }

    @Test
    void the_status_shows_the_reserve_provisioning_last_assessed() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        bus.publish(new HaReserveChanged(1, 0, false, 6144, 4096, "the fleet can restart the VMs of 0 failed hosts, "
                + "not 1", at));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/api/v1/ha/status").then()
                .body("reserve.failuresAbsorbed", equalTo(0)).body("reserve.holds", equalTo(false))
                .body("reserve.reserveMb", equalTo(6144)).body("reserve.spareMb", equalTo(4096))
                .body("reserve.reason", org.hamcrest.Matchers.startsWith("the fleet can restart")));
    }

    @Test
    void a_host_failing_a_third_time_within_the_hour_is_quarantined_and_its_vms_move_away_when_it_returns() {
        String host = "ha-q-" + UUID.randomUUID();
        AGENTS.put("agent-ha-5", List.of(host, "ha-r-" + UUID.randomUUID()));
        for (int failure = 1; failure <= 2; failure++) { // empty: fenced, nothing to restart, back, cleared
            awaitReady(host);
            SILENT.add(host);
            String incident = HaHost.incidentIdOf(host, failure);
            FenceHost fence = bus.read(Topics.AGENT_COMMANDS, FenceHost.class, e -> e.hostId().equals(host)
                    && e.commandId().startsWith(incident));
            bus.publish(new HostFenceResult(fence.commandId(), host, true, null, Instant.now()));
            SILENT.remove(host);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().post("/api/v1/ha/hosts/" + host
                    + "/clear").then().statusCode(200));
        }
        assertThat(bus.seen(Topics.MIGRATION_EVENTS, HaHostQuarantined.class, e -> e.hostId().equals(host),
                Duration.ofSeconds(1))).as("two failures are not too many").isFalse();

        // the third: cut off with a broken management controller, it comes back running its VM
        awaitReady(host);
        String vm = runningVm(host, "medium");
        SILENT.add(host);
        HaHostQuarantined quarantined = bus.read(Topics.MIGRATION_EVENTS, HaHostQuarantined.class,
                e -> e.hostId().equals(host));
        assertThat(quarantined.failures()).isEqualTo(3);
        assertThat(quarantined.window()).isEqualTo("PT1H");
        assertThat(Duration.between(quarantined.quarantinedAt(), quarantined.until())).isEqualTo(Duration.ofHours(2));
        FenceHost fence = bus.read(Topics.AGENT_COMMANDS, FenceHost.class, e -> e.hostId().equals(host)
                && e.commandId().startsWith(quarantined.incidentId()));
        bus.publish(new HostFenceResult(fence.commandId(), host, false, "the management controller does not answer",
                Instant.now()));
        admin().get("/api/v1/ha/status").then().body("quarantinedHosts", hasItem(host))
                .body("hosts.find { it.hostId == '" + host + "' }.quarantinedUntil", org.hamcrest.Matchers.notNullValue());
        SILENT.remove(host);
        EvacuationStarted evacuation = bus.read(Topics.MIGRATION_EVENTS, EvacuationStarted.class,
                e -> e.hostId().equals(host));
        assertThat(evacuation.requestedBy()).isEqualTo("ha-quarantine");
        assertThat(evacuation.migrating()).containsExactly(vm);
        assertThat(bus.read(Topics.MIGRATION_EVENTS, MigrationRequested.class, e -> e.vmId().equals(vm)).cause())
                .isEqualTo("evacuation");
        assertThat(bus.seen(Topics.MIGRATION_EVENTS, EvacuationStarted.class, e -> e.hostId().equals(host)
                && !e.evacuationId().equals(evacuation.evacuationId()), Duration.ofSeconds(2)))
                .as("one evacuation per quarantine").isFalse();

        // an operator clears it: the quarantine ends at once
        admin().post("/api/v1/ha/hosts/" + host + "/clear").then().statusCode(200);
        assertThat(bus.read(Topics.MIGRATION_EVENTS, HaHostQuarantineEnded.class, e -> e.hostId().equals(host))
                .endedBy()).isNotEqualTo("expired");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().get("/api/v1/ha/status").then()
                .body("quarantinedHosts", not(hasItem(host))));
        AGENTS.remove("agent-ha-5");
    }

    private static void awaitReady(String host) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/api/v1/ha/status").then()
                .body("hosts.findAll { it.hostId == '" + host + "' }.state", equalTo(List.of("ready"))));
    }

    @Test
    void bad_requests_are_problems_naming_what_is_wrong() {
        admin().queryParam("state", "burning").get("/api/v1/ha/incidents").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("state"));
        admin().get("/api/v1/ha/incidents/nope").then().statusCode(404).contentType("application/problem+json");
        admin().post("/api/v1/ha/incidents/nope/confirm-fence").then().statusCode(404);
        admin().post("/api/v1/ha/hosts/nowhere/clear").then().statusCode(404);
        given().auth().oauth2(TOKENS.tenant("tenant-admin", "acme")).get("/api/v1/ha/status").then().statusCode(403);
    }

    private String runningVm(String host, String haPriority) {
        String vmId = "vm-" + UUID.randomUUID();
        bus.publish(new VmRequested(vmId, "acme", "web", 2, 4096, UBUNTU, 1, false, MemoryPlan.fixed(4096), "op-" + vmId,
                null, "admin@acme", Instant.now(), null, haPriority));
        bus.publish(new VmStarted(vmId, host, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> vms.find(vmId).map(vm -> vm.state().equals("Running"))
                .orElse(false));
        return vmId;
    }
}
