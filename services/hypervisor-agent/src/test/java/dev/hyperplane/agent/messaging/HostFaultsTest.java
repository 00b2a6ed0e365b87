package dev.hyperplane.agent.messaging;

import dev.hyperplane.agent.domain.EngineFleet;
import dev.hyperplane.agent.domain.HostFaults;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommand;
import dev.hyperplane.events.agent.AgentHeartbeat;
import dev.hyperplane.events.agent.ChangeVmPowerOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.FenceHost;
import dev.hyperplane.events.agent.HostFenceResult;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.events.agent.SimulationControlOnHost;
import dev.hyperplane.hyperv.VmState;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The faults high availability is judged by: a host cut off from the network runs on unheard and unreachable
 * while its agent's heartbeats go on; its management controller fences it all the same, unless that failed.
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "agent_test"))
class HostFaultsTest {
    private static final String ADMIN = DevTokens.shared().fleetAdmin();
    private static final String HOST = "agent-1-host-04";
    private static KafkaTestClient kafka;

    @Inject
    EngineFleet fleet;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forTestInfrastructure();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void a_partitioned_host_runs_on_unheard_and_its_management_controller_fences_it_off_unless_that_failed() {
        String vmId = "vm-" + UUID.randomUUID();
        send(new CreateVmOnHost("create-" + vmId, HOST, vmId, "web", 1, 1024, new GuestOs("linux", "Ubuntu",
                "20.04 LTS"), 1, false, MemoryPlan.fixed(1024)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fleet.vm(HOST, vmId))
                .hasValueSatisfying(vm -> assertThat(vm.state()).isEqualTo(VmState.RUNNING)));

        post("/partition").then().statusCode(202);
        RestAssured.given().auth().oauth2(ADMIN).get("/api/v1/agent/hosts/" + HOST).then().statusCode(200)
                .body("faults.partitioned", equalTo(true));
        Instant cut = Instant.now().plusSeconds(2); // a sample taken before the cut may still be on its way
        send(new ChangeVmPowerOnHost("stop-" + vmId, HOST, vmId, "turn-off"));
        List<PublicEvent> heard = read(Topics.AGENT_HEARTBEATS, seen -> seen.stream().filter(e ->
                e instanceof AgentHeartbeat h && h.at().isAfter(cut.plusSeconds(4))).count() >= 1);
        assertThat(heard).filteredOn(e -> e instanceof AgentHeartbeat h && h.at().isAfter(cut))
                .as("the agent's heartbeats go on, naming the host").isNotEmpty()
                .allSatisfy(e -> assertThat(((AgentHeartbeat) e).hostIds()).contains(HOST));
        assertThat(read(Topics.AGENT_TELEMETRY, seen -> false)).as("nothing heard of the host")
                .noneMatch(e -> e instanceof HostTelemetry t && t.hostId().equals(HOST) && t.at().isAfter(cut));
        assertThat(fleet.vm(HOST, vmId)).as("the command did not reach it: the VM runs on")
                .hasValueSatisfying(vm -> assertThat(vm.state()).isEqualTo(VmState.RUNNING));

        post("/bmc-failure").then().statusCode(202);
        send(new FenceHost("fence-1-" + vmId, HOST, "the test"));
        HostFenceResult refused = fenceResult("fence-1-" + vmId);
        assertThat(refused.fenced()).isFalse();
        assertThat(refused.reason()).contains("management controller").contains("does not answer");
        assertThat(fleet.vm(HOST, vmId)).hasValueSatisfying(vm -> assertThat(vm.state()).isEqualTo(VmState.RUNNING));

        post("/bmc-repair").then().statusCode(202);
        send(new FenceHost("fence-2-" + vmId, HOST, "the test"));
        assertThat(fenceResult("fence-2-" + vmId).fenced()).as("fenced through the partition").isTrue();
        assertThat(fleet.vm(HOST, vmId)).hasValueSatisfying(vm -> assertThat(vm.state()).isEqualTo(VmState.OFF));

        RestAssured.given().auth().oauth2(ADMIN).get("/api/v1/agent/hosts/" + HOST).then().statusCode(200)
                .body("faults.poweredOff", equalTo(true));
        send(new FenceHost("fence-3-" + vmId, HOST, "the test"));
        assertThat(fenceResult("fence-3-" + vmId).fenced()).as("a host fenced again stays off").isTrue();

        post("/heal").then().statusCode(202);
        post("/power-on").then().statusCode(202);
        Instant healed = Instant.now();
        assertThat(read(Topics.AGENT_TELEMETRY, seen -> seen.stream().anyMatch(e -> e instanceof HostTelemetry t
                && t.hostId().equals(HOST) && t.at().isAfter(healed)))).as("heard again once healed and powered on")
                .anyMatch(e -> e instanceof HostTelemetry t && t.hostId().equals(HOST) && t.at().isAfter(healed));
        assertThat(fleet.vm(HOST, vmId)).as("back with every VM off")
                .hasValueSatisfying(vm -> assertThat(vm.state()).isEqualTo(VmState.OFF));
        assertThat(read(Topics.AGENT_EVENTS, seen -> false)).as("the lost command is never answered")
                .noneMatch(e -> e instanceof AgentAnswer a && a.commandId().equals("stop-" + vmId));
        send(new ChangeVmPowerOnHost("delete-" + vmId, HOST, vmId, "delete"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fleet.vm(HOST, vmId)).isEmpty());
    }

    /**
     * Controls of one host applied at once, as a REST call and a control forwarded by another agent are: each
     * changes its own fault, none undoes another's (HaIT's clean-up once left a host partitioned this way).
     */
    @Test
    void controls_applied_at_once_each_change_their_own_fault() throws Exception {
        String host = HOST;
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 15; round++) {
                for (List<String> controls : List.of(List.of("power-loss", "partition", "bmc-failure"),
                        List.of("power-on", "heal", "bmc-repair"))) {
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<?>> applied = controls.stream().map(control -> threads.submit(() -> {
                        go.await();
                        fleet.simulate(new SimulationControlOnHost("control-" + UUID.randomUUID(), host, null,
                                control, null, null, null, null));
                        return null;
                    })).collect(Collectors.toList());
                    go.countDown();
                    for (Future<?> f : applied) {
                        f.get(30, TimeUnit.SECONDS);
                    }
                    boolean on = controls.get(0).equals("power-loss");
                    assertThat(fleet.host(host).orElseThrow().faults()).as("round %d after %s", round, controls)
                            .isEqualTo(new HostFaults(on, on, on));
                }
            }
        } finally {
            threads.shutdownNow();
            for (String control : List.of("power-on", "heal", "bmc-repair")) {
                fleet.simulate(new SimulationControlOnHost("control-" + UUID.randomUUID(), host, null, control,
                        null, null, null, null));
            }
        }
    }

    private static io.restassured.response.Response post(String path) {
        return RestAssured.given().auth().oauth2(ADMIN).post("/api/v1/agent/hosts/" + HOST + path);
    }

    private static HostFenceResult fenceResult(String commandId) {
        Predicate<PublicEvent> wanted = e -> e instanceof HostFenceResult r && r.commandId().equals(commandId);
        return (HostFenceResult) read(Topics.AGENT_EVENTS, seen -> seen.stream().anyMatch(wanted)).stream()
                .filter(wanted).findFirst().orElseThrow(() -> new AssertionError("no answer to " + commandId));
    }

    private static List<PublicEvent> read(String topic, Predicate<List<PublicEvent>> enough) {
        return AgentTopics.read(kafka, topic, Duration.ofSeconds(10), enough);
    }

    private static void send(PublicEvent command) {
        String id = command instanceof AgentCommand c ? c.commandId() : UUID.randomUUID().toString();
        kafka.send(CloudEventCodec.encode(command, "test-" + id, "/test", Instant.now(), null, null));
    }
}
