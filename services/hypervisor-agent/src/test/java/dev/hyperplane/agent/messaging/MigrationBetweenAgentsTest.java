package dev.hyperplane.agent.messaging;

import dev.hyperplane.agent.domain.EngineFleet;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommand;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.ChangeVmPowerOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.EndIncomingMigration;
import dev.hyperplane.events.agent.HandOffMigration;
import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.events.agent.PrepareIncomingMigration;
import dev.hyperplane.events.agent.SimulationControlOnHost;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.events.host.HostRegistered;
import dev.hyperplane.hyperv.VmState;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A live migration between agents over the real broker and database, with the test as the network: the agent
 * migrates a VM of its host 01 to {@code agent-9-host-01}, a host of an agent that does not exist, and the test
 * delivers (or withholds) each message addressed there to the agent's own host 02 instead. So the agent plays the
 * source and the destination at once, each side only through its messages. Simulation controls for that host are
 * forwarded to its agent the same way.
 */
@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "agent_test"))
class MigrationBetweenAgentsTest {
    private static final GuestOs UBUNTU = new GuestOs("linux", "Ubuntu", "20.04 LTS");
    private static final String SOURCE = "agent-1-host-01";
    private static final String DESTINATION = "agent-1-host-02";
    private static final String ELSEWHERE = "agent-9-host-01";
    private static KafkaTestClient kafka;

    @Inject
    EngineFleet fleet;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forTestInfrastructure();
    }

    /** Inventory registered the other agent's host: migrations to it go ahead (to a host nobody runs they do not). */
    @BeforeEach
    void registerTheOtherAgentsHost() {
        kafka.send(CloudEventCodec.encode(new HostRegistered(ELSEWHERE, "hv-elsewhere", "agent-9", "2016", 32, 262144,
                4096, Instant.now()), "registered-" + ELSEWHERE, "/test", Instant.now(), null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.agentOf(ELSEWHERE).isPresent());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void the_destination_holds_first_the_source_commits_then_the_destination_runs_the_vm_once() {
        String vmId = runningVm(2048);
        long destinationFree = free(DESTINATION);
        String migration = "migrate-" + vmId;
        send(new MigrateVmOnHost(migration, SOURCE, vmId, ELSEWHERE), "m-" + vmId);

        PrepareIncomingMigration prepare = awaitMessage(PrepareIncomingMigration.class, migration, 1);
        assertThat(prepare.memoryMb()).isEqualTo(2048);
        assertThat(prepare.sourceHostId()).isEqualTo(SOURCE);
        relay(prepare);
        relay(prepare); // delivered twice: held once
        HandOffMigration handOff = awaitMessage(HandOffMigration.class, migration, 1);
        assertThat(free(DESTINATION)).as("memory held once").isEqualTo(destinationFree - 2048);
        assertThat(fleet.vm(SOURCE, vmId)).as("frozen at the blackout, still on its source").isPresent();

        relay(handOff);
        relay(handOff);
        EndIncomingMigration commit = awaitMessage(EndIncomingMigration.class, migration, 1);
        assertThat(commit.outcome()).isEqualTo("commit");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fleet.vm(SOURCE, vmId))
                .as("the source let go before the destination runs it").isEmpty());
        assertThat(fleet.vm(DESTINATION, vmId)).as("held, not running, until the commit arrives").isEmpty();

        relay(commit);
        relay(commit);
        assertThat(awaitAnswer(migration)).isInstanceOf(AgentCommandCompleted.class);
        assertThat(fleet.vm(DESTINATION, vmId)).hasValueSatisfying(vm ->
                assertThat(vm.state()).isEqualTo(VmState.RUNNING));
        assertThat(free(DESTINATION)).isEqualTo(destinationFree - 2048);
    }

    @Test
    void a_destination_that_never_takes_the_state_leaves_the_vm_running_on_its_source_and_lets_go() {
        String vmId = runningVm(1024);
        long destinationFree = free(DESTINATION);
        String migration = "silent-" + vmId;
        send(new MigrateVmOnHost(migration, SOURCE, vmId, ELSEWHERE), "m-" + vmId);
        relay(awaitMessage(PrepareIncomingMigration.class, migration, 1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(free(DESTINATION)).isEqualTo(destinationFree - 1024));

        awaitMessage(HandOffMigration.class, migration, 2); // asked again while unanswered, then given up
        EndIncomingMigration abort = awaitMessage(EndIncomingMigration.class, migration, 1);
        assertThat(abort.outcome()).isEqualTo("abort");
        assertThat(((AgentCommandRejected) awaitAnswer(migration)).reason())
                .contains("did not answer within 4 s").contains("runs on " + SOURCE);
        assertThat(fleet.vm(SOURCE, vmId)).hasValueSatisfying(vm -> assertThat(vm.state()).isEqualTo(VmState.RUNNING));

        relay(abort);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(free(DESTINATION)).as("the destination let go").isEqualTo(destinationFree));
        assertThat(fleet.vm(DESTINATION, vmId)).isEmpty();
    }

    @Test
    void a_destination_without_room_refuses_and_nothing_moves() {
        String vmId = runningVm(200_000);
        String filler = "filler-" + UUID.randomUUID();
        send(new CreateVmOnHost("create-" + filler, DESTINATION, filler, "filler", 4, 100_000, UBUNTU, 1, false,
                MemoryPlan.fixed(100_000)), "c-" + filler);
        awaitAnswer("create-" + filler);
        String migration = "refused-" + vmId;
        send(new MigrateVmOnHost(migration, SOURCE, vmId, ELSEWHERE), "m-" + vmId);
        relay(awaitMessage(PrepareIncomingMigration.class, migration, 1));
        assertThat(((AgentCommandRejected) awaitAnswer(migration)).reason()).contains("refused the VM")
                .contains("MB free");
        assertThat(fleet.vm(SOURCE, vmId)).hasValueSatisfying(vm -> assertThat(vm.state()).isEqualTo(VmState.RUNNING));
        assertThat(fleet.vm(DESTINATION, vmId)).isEmpty();
        for (String action : List.of("turn-off", "delete")) {
            send(new ChangeVmPowerOnHost(action + "-" + filler, DESTINATION, filler, action), action + "-" + filler);
            awaitAnswer(action + "-" + filler);
        }
    }

    @Test
    void simulation_controls_for_another_agents_host_are_forwarded_and_the_owner_applies_them() {
        String admin = DevTokens.shared().fleetAdmin();
        io.restassured.RestAssured.given().auth().oauth2(admin).post("/api/v1/agent/hosts/" + ELSEWHERE
                        + "/vms/vm-far/panic").then().statusCode(202)
                .header("Hyperplane-Forwarded-To", "agent-9");
        List<PublicEvent> commands = read(Topics.AGENT_COMMANDS, events -> events.stream().anyMatch(e ->
                e instanceof SimulationControlOnHost c && c.hostId().equals(ELSEWHERE) && "vm-far".equals(c.vmId())));
        assertThat(commands).filteredOn(e -> e instanceof SimulationControlOnHost c && "vm-far".equals(c.vmId()))
                .first().satisfies(e -> assertThat(((SimulationControlOnHost) e).control()).isEqualTo("panic"));
        io.restassured.RestAssured.given().auth().oauth2(admin).post("/api/v1/agent/hosts/agent-7-host-01/power-loss")
                .then().statusCode(404);
        io.restassured.RestAssured.given().auth().oauth2(admin).contentType("application/json")
                .body("{\"profile\": \"memory-hog\"}").post("/api/v1/agent/hosts/" + ELSEWHERE + "/vms/vm-far/workload")
                .then().statusCode(422).body("errors[0].field", org.hamcrest.Matchers.equalTo("demandMb"));

        // as another agent forwards one of ours: applied once, answered; one that cannot apply is refused
        String vmId = runningVm(1024);
        send(new SimulationControlOnHost("forwarded-" + vmId, SOURCE, vmId, "workload", "memory-hog", 4096L, null,
                null), "f-" + vmId);
        assertThat(awaitAnswer("forwarded-" + vmId)).isInstanceOf(AgentCommandCompleted.class);
        assertThat(fleet.vm(SOURCE, vmId).orElseThrow().spec().workload().profile()).isEqualTo("memory-hog");
        send(new SimulationControlOnHost("nothing-" + vmId, SOURCE, "vm-nowhere", "panic", null, null, null, null),
                "n-" + vmId);
        assertThat(((AgentCommandRejected) awaitAnswer("nothing-" + vmId)).reason()).contains("no VM vm-nowhere");

        // a control of the host as a whole is applied, but not answered: every answer of the contract names a VM,
        // and one without would be a poison record to every reader of the agents' events
        send(new SimulationControlOnHost("bmc-" + vmId, SOURCE, null, "bmc-failure", null, null, null, null),
                "b-" + vmId);
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.host(SOURCE).orElseThrow().faults()
                .managementControllerFailed());
        send(new SimulationControlOnHost("repair-" + vmId, SOURCE, null, "bmc-repair", null, null, null, null),
                "r-" + vmId);
        send(new SimulationControlOnHost("after-" + vmId, SOURCE, vmId, "workload", "idle", null, null, null),
                "a-" + vmId);
        awaitAnswer("after-" + vmId); // answers of one host come in order: the host controls' would be before it
        assertThat(fleet.host(SOURCE).orElseThrow().faults().managementControllerFailed()).isFalse();
        assertThat(AgentTopics.read(kafka, Topics.AGENT_EVENTS, Duration.ofSeconds(2), events -> false))
                .noneMatch(e -> e instanceof AgentAnswer a
                && (a.commandId().equals("bmc-" + vmId) || a.commandId().equals("repair-" + vmId)));
    }

    private String runningVm(long memoryMb) {
        String vmId = "vm-" + UUID.randomUUID();
        send(new CreateVmOnHost("create-" + vmId, SOURCE, vmId, "web", 2, memoryMb, UBUNTU, 1, false,
                MemoryPlan.fixed(memoryMb)), "c-" + vmId);
        assertThat(awaitAnswer("create-" + vmId)).isInstanceOf(VmStartedOnHost.class);
        return vmId;
    }

    private long free(String hostId) {
        return fleet.host(hostId).orElseThrow().telemetry().freeMemoryMb();
    }

    /** Delivers a message addressed to the host that does not exist to this agent's host 02. */
    private static void relay(AgentCommand message) {
        AgentCommand readdressed;
        if (message instanceof PrepareIncomingMigration p) {
            readdressed = new PrepareIncomingMigration(p.commandId(), DESTINATION, p.vmId(), p.migrationId(),
                    p.sourceHostId(), p.memoryMb(), p.vmSpec());
        } else if (message instanceof HandOffMigration h) {
            readdressed = new HandOffMigration(h.commandId(), DESTINATION, h.vmId(), h.migrationId(), h.sourceHostId(),
                    h.vmState());
        } else if (message instanceof EndIncomingMigration e) {
            readdressed = new EndIncomingMigration(e.commandId(), DESTINATION, e.vmId(), e.migrationId(),
                    e.sourceHostId(), e.outcome(), e.reason());
        } else {
            throw new IllegalArgumentException(message.toString());
        }
        send(readdressed, "relayed-" + UUID.randomUUID());
    }

    /** The {@code n}th message of the type for the migration on the agents' command topic. */
    private static <T extends AgentCommand> T awaitMessage(Class<T> type, String migrationId, int n) {
        Predicate<PublicEvent> wanted = e -> type.isInstance(e) && e.toString().contains(migrationId)
                && ((AgentCommand) e).hostId().equals(ELSEWHERE);
        List<PublicEvent> seen = read(Topics.AGENT_COMMANDS, events -> events.stream().filter(wanted).count() >= n);
        List<T> found = seen.stream().filter(wanted).map(type::cast).toList();
        assertThat(found).as("%s #%d of %s", type.getSimpleName(), n, migrationId).hasSizeGreaterThanOrEqualTo(n);
        return found.get(n - 1);
    }

    private static AgentAnswer awaitAnswer(String commandId) {
        Predicate<PublicEvent> wanted = e -> e instanceof AgentAnswer a && a.commandId().equals(commandId);
        return (AgentAnswer) read(Topics.AGENT_EVENTS, events -> events.stream().anyMatch(wanted)).stream()
                .filter(wanted).findFirst().orElseThrow(() -> new AssertionError("no answer to " + commandId));
    }

    private static List<PublicEvent> read(String topic, Predicate<List<PublicEvent>> enough) {
        return AgentTopics.read(kafka, topic, Duration.ofSeconds(30), enough);
    }

    private static void send(AgentCommand command, String cloudEventId) {
        kafka.send(CloudEventCodec.encode(command, cloudEventId, "/test", Instant.now(), null, null));
    }
}
