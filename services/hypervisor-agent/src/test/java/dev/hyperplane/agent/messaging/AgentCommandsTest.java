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
import dev.hyperplane.events.agent.BackupCompletedOnHost;
import dev.hyperplane.events.agent.BackupVmOnHost;
import dev.hyperplane.events.agent.CopyFileToVmOnHost;
import dev.hyperplane.events.agent.FileCopiedOnHost;
import dev.hyperplane.events.agent.IntegrationServicesNegotiated;
import dev.hyperplane.events.agent.CancelMigrationOnHost;
import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.events.agent.ResizeVmOnHost;
import dev.hyperplane.events.agent.SetVmKvpOnHost;
import dev.hyperplane.events.agent.SetVmVideoOnHost;
import dev.hyperplane.events.agent.VmMigratedOnHost;
import dev.hyperplane.events.agent.VmbusChannelsOpened;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.HostAnnounced;
import dev.hyperplane.events.agent.HostInventoryReported;
import dev.hyperplane.events.agent.GuestInfoReported;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.events.agent.VmStateChangedOnHost;
import dev.hyperplane.hyperv.VmState;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import dev.hyperplane.testsupport.DevTokens;
import dev.hyperplane.testsupport.HyperplaneTestResource;
import dev.hyperplane.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "agent_test"))
class AgentCommandsTest {
    private static final String ADMIN = DevTokens.shared().fleetAdmin();
    private static final GuestOs UBUNTU = new GuestOs("linux", "Ubuntu", "20.04 LTS");
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
    void the_host_list_pages_with_limit_and_cursor() {
        var first = io.restassured.RestAssured.given().auth().oauth2(ADMIN).queryParam("limit", 3)
                .get("/api/v1/agent/hosts").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.host.hostId")).containsExactly("agent-1-host-01", "agent-1-host-02",
                "agent-1-host-03");
        var rest = io.restassured.RestAssured.given().auth().oauth2(ADMIN).queryParam("limit", 3)
                .queryParam("cursor", first.getString("nextCursor")).get("/api/v1/agent/hosts").then()
                .statusCode(200).extract().jsonPath();
        assertThat(rest.getList("items.host.hostId")).containsExactly("agent-1-host-04");
        assertThat(rest.getString("nextCursor")).isNull();
        io.restassured.RestAssured.given().auth().oauth2(ADMIN).queryParam("limit", 0).get("/api/v1/agent/hosts")
                .then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("limit"));
    }

    @Test
    void announces_its_four_hosts_at_start() {
        List<PublicEvent> events = agentEvents(seen -> seen.stream().filter(e -> e instanceof HostAnnounced).count() >= 4);
        assertThat(events).filteredOn(e -> e instanceof HostAnnounced)
                .extracting(e -> ((HostAnnounced) e).hostId())
                .contains("agent-1-host-01", "agent-1-host-02", "agent-1-host-03", "agent-1-host-04");
    }

    @Test
    void reports_each_hosts_whole_inventory_at_start_and_then_periodically() {
        String vmId = "vm-" + UUID.randomUUID();
        String host = "agent-1-host-02";
        send(new CreateVmOnHost("cmd-" + vmId, host, vmId, "inv-1", 1, 1024, UBUNTU, 1, false, MemoryPlan.fixed(1024)),
                "c-" + vmId);
        // every host reported once at start; the next report of host 02 (every 2 s in tests) lists the new VM
        List<PublicEvent> events = agentEvents(seen -> seen.stream().anyMatch(e -> e instanceof HostInventoryReported r
                && r.hostId().equals(host) && r.vms().stream().anyMatch(vm -> vm.vmId().equals(vmId))));
        assertThat(events).filteredOn(e -> e instanceof HostInventoryReported)
                .extracting(e -> ((HostInventoryReported) e).hostId())
                .contains("agent-1-host-01", "agent-1-host-02", "agent-1-host-03", "agent-1-host-04");
        HostInventoryReported withVm = events.stream().filter(e -> e instanceof HostInventoryReported r
                        && r.hostId().equals(host) && r.vms().stream().anyMatch(vm -> vm.vmId().equals(vmId)))
                .map(HostInventoryReported.class::cast).findFirst().orElseThrow();
        assertThat(withVm.vms()).filteredOn(vm -> vm.vmId().equals(vmId)).singleElement()
                .satisfies(vm -> assertThat(vm.state()).isIn("Starting", "Running"));
    }

    @Test
    void starts_a_vm_once_even_when_the_command_is_delivered_again() {
        String vmId = "vm-" + UUID.randomUUID();
        var command = new CreateVmOnHost("cmd-" + vmId, "agent-1-host-01", vmId, "web-1", 2, 2048, UBUNTU, 1, false, MemoryPlan.fixed(2048));
        send(command, "c1-" + vmId);
        send(command, "c2-" + vmId); // a redelivery under another CloudEvent id while the VM boots
        agentEvents(seen -> seen.stream().anyMatch(e -> e instanceof VmStartedOnHost s && s.vmId().equals(vmId)));
        send(command, "c3-" + vmId); // and once more after it was answered: the logged answer again

        List<PublicEvent> answers = agentEvents(seen -> seen.stream()
                .filter(e -> e instanceof VmStartedOnHost s && s.vmId().equals(vmId)).count() >= 2);
        assertThat(answers).filteredOn(e -> e instanceof VmStartedOnHost s && s.vmId().equals(vmId))
                .hasSize(2).allSatisfy(e -> assertThat(((VmStartedOnHost) e).commandId()).isEqualTo(command.commandId()));
        assertThat(fleet.vms("agent-1-host-01")).filteredOn(vm -> vm.vmId().equals(vmId)).hasSize(1)
                .allSatisfy(vm -> assertThat(vm.state()).isEqualTo(VmState.RUNNING));
    }

    @Test
    void power_and_resize_commands_are_answered_when_the_vm_gets_there() {
        String vmId = "vm-" + UUID.randomUUID();
        String host = "agent-1-host-04";
        send(new CreateVmOnHost("cmd-" + vmId, host, vmId, "app-1", 2, 2048, UBUNTU, 1, false, MemoryPlan.fixed(2048)), "c-" + vmId);
        agentEvents(seen -> seen.stream().anyMatch(e -> e instanceof VmStartedOnHost s && s.vmId().equals(vmId)));

        // a turn-off is done at once; a resize of the off VM too; a start when the VM runs again
        send(new ChangeVmPowerOnHost("off-" + vmId, host, vmId, "turn-off"), "p1-" + vmId);
        awaitAnswer("off-" + vmId, AgentCommandCompleted.class);
        send(new ResizeVmOnHost("resize-" + vmId, host, vmId, 4, 4096, MemoryPlan.fixed(4096)), "p2-" + vmId);
        awaitAnswer("resize-" + vmId, AgentCommandCompleted.class);
        assertThat(fleet.vm(host, vmId).orElseThrow().spec().vcpus()).isEqualTo(4);
        send(new ChangeVmPowerOnHost("start-" + vmId, host, vmId, "start"), "p3-" + vmId);
        awaitAnswer("start-" + vmId, AgentCommandCompleted.class);
        assertThat(fleet.vm(host, vmId).orElseThrow().state()).isEqualTo(VmState.RUNNING);

        // vCPUs of a running VM are refused with the engine's reason
        send(new ResizeVmOnHost("resize2-" + vmId, host, vmId, 8, 4096, MemoryPlan.fixed(4096)), "p4-" + vmId);
        assertThat(((AgentCommandRejected) awaitAnswer("resize2-" + vmId, AgentCommandRejected.class)).reason())
                .contains("only change while it is off");

        send(new ChangeVmPowerOnHost("delete-" + vmId, host, vmId, "delete"), "p5-" + vmId);
        awaitAnswer("delete-" + vmId, AgentCommandCompleted.class);
        assertThat(fleet.vm(host, vmId)).isEmpty();
    }

    @Test
    void every_other_engine_command_is_reachable_over_kafka() {
        String vmId = "vm-" + UUID.randomUUID();
        String host = "agent-1-host-02";
        send(new CreateVmOnHost("cmd-" + vmId, host, vmId, "svc-1", 2, 2048, UBUNTU, 1, false, MemoryPlan.fixed(2048)), "c-" + vmId);
        List<PublicEvent> booted = agentEvents(seen -> seen.stream()
                .anyMatch(e -> e instanceof IntegrationServicesNegotiated n && n.vmId().equals(vmId)));
        assertThat(booted).filteredOn(e -> e instanceof IntegrationServicesNegotiated n && n.vmId().equals(vmId))
                .singleElement().satisfies(e -> {
                    var negotiated = (IntegrationServicesNegotiated) e;
                    assertThat(negotiated.services()).containsKeys("HEARTBEAT", "KVP", "FILE_COPY");
                    assertThat(negotiated.supportedFeatures()).contains("KVP", "FCOPY", "LIVE_MIGRATION");
                    // "2016+" features on this 2012 R2 host
                    assertThat(negotiated.unsupportedFeatures()).containsKey("RUNTIME_RESIZE");
                });
        assertThat(booted).anyMatch(e -> e instanceof VmbusChannelsOpened c && c.vmId().equals(vmId)
                && c.channels().stream().anyMatch(ch -> ch.device().equals("NETWORK")));

        send(new SetVmKvpOnHost("kvp-" + vmId, host, vmId, "HostingPlan", "premium"), "k-" + vmId);
        awaitAnswer("kvp-" + vmId, AgentCommandCompleted.class);
        assertThat(fleet.vm(host, vmId).orElseThrow().externalKvp()).containsEntry("HostingPlan", "premium");

        send(new SetVmVideoOnHost("video-" + vmId, host, vmId, 1920, 1080), "v-" + vmId);
        awaitAnswer("video-" + vmId, AgentCommandCompleted.class);
        send(new SetVmVideoOnHost("video4k-" + vmId, host, vmId, 3840, 2160), "v2-" + vmId);
        assertThat(((AgentCommandRejected) awaitAnswer("video4k-" + vmId, AgentCommandRejected.class)).reason())
                .contains("not offered by video protocol");

        send(new CopyFileToVmOnHost("copy-" + vmId, host, vmId, "/etc/motd", 13_000, false), "f-" + vmId);
        awaitAnswer("copy-" + vmId, AgentCommandCompleted.class);
        assertThat(agentEvents(seen -> seen.stream().anyMatch(e -> e instanceof FileCopiedOnHost f && f.vmId().equals(vmId))))
                .anyMatch(e -> e instanceof FileCopiedOnHost f && f.vmId().equals(vmId) && f.fragments() == 3);

        send(new BackupVmOnHost("backup-" + vmId, host, vmId), "b-" + vmId);
        awaitAnswer("backup-" + vmId, AgentCommandCompleted.class);
        assertThat(agentEvents(seen -> seen.stream().anyMatch(e -> e instanceof BackupCompletedOnHost b && b.vmId().equals(vmId))))
                .anyMatch(e -> e instanceof BackupCompletedOnHost b && b.vmId().equals(vmId));

        for (String action : List.of("pause", "resume", "save", "resume")) {
            String commandId = action + "-" + UUID.randomUUID();
            send(new ChangeVmPowerOnHost(commandId, host, vmId, action), "p-" + commandId);
            awaitAnswer(commandId, AgentCommandCompleted.class);
            assertThat(fleet.vm(host, vmId).orElseThrow().state())
                    .isEqualTo(action.equals("pause") ? VmState.PAUSED : action.equals("save") ? VmState.SAVED : VmState.RUNNING);
        }

        send(new MigrateVmOnHost("away-" + vmId, host, vmId, "agent-9-host-01"), "m1-" + vmId);
        assertThat(((AgentCommandRejected) awaitAnswer("away-" + vmId, AgentCommandRejected.class)).reason())
                .contains("no agent runs host agent-9-host-01");
        send(new MigrateVmOnHost("migrate-" + vmId, host, vmId, "agent-1-host-01"), "m2-" + vmId);
        AgentCommandCompleted migrated = (AgentCommandCompleted) awaitAnswer("migrate-" + vmId, AgentCommandCompleted.class);
        assertThat(migrated.hostId()).isEqualTo(host);
        assertThat(fleet.vm(host, vmId)).isEmpty();
        assertThat(fleet.vm("agent-1-host-01", vmId)).hasValueSatisfying(vm -> {
            assertThat(vm.state()).isEqualTo(VmState.RUNNING);
            assertThat(vm.externalKvp()).containsEntry("HostingPlan", "premium");
        });
        assertThat(agentEvents(seen -> seen.stream().anyMatch(e -> e instanceof VmMigratedOnHost m && m.vmId().equals(vmId))))
                .anyMatch(e -> e instanceof VmMigratedOnHost m && m.vmId().equals(vmId)
                        && m.destinationHostId().equals("agent-1-host-01") && m.passes() >= 1);
    }

    @Test
    void a_cancelled_or_refused_migration_leaves_the_vm_on_its_source_and_the_destination_as_it_was() {
        String vmId = "big-" + UUID.randomUUID();
        String source = "agent-1-host-02";
        String destination = "agent-1-host-01";
        send(new CreateVmOnHost("create-" + vmId, source, vmId, "big", 4, 100_000, UBUNTU, 1, false,
                MemoryPlan.fixed(100_000)), "c-" + vmId);
        awaitAnswer("create-" + vmId, VmStartedOnHost.class);
        long destinationFree = fleet.host(destination).orElseThrow().telemetry().freeMemoryMb();

        // 100 GB take minutes of passes: the cancel lands while they run
        send(new MigrateVmOnHost("migrate-" + vmId, source, vmId, destination, List.of(100L, 200L, 500L), 2, 0L, "live"),
                "m-" + vmId);
        send(new CancelMigrationOnHost("cancel-" + vmId, source, vmId, "cancelled by the test"), "x-" + vmId);
        awaitAnswer("cancel-" + vmId, AgentCommandCompleted.class);
        assertThat(((AgentCommandRejected) awaitAnswer("migrate-" + vmId, AgentCommandRejected.class)).reason())
                .contains("cancelled by the test");
        assertThat(fleet.vm(source, vmId)).hasValueSatisfying(vm -> assertThat(vm.state()).isEqualTo(VmState.RUNNING));
        assertThat(fleet.vm(destination, vmId)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                fleet.host(destination).orElseThrow().telemetry().freeMemoryMb()).as("the reservation let go")
                .isEqualTo(destinationFree));

        // a destination without room refuses before anything moves
        String filler = "filler-" + UUID.randomUUID();
        send(new CreateVmOnHost("create-" + filler, destination, filler, "filler", 4, 200_000, UBUNTU, 1, false,
                MemoryPlan.fixed(200_000)), "c-" + filler);
        awaitAnswer("create-" + filler, VmStartedOnHost.class);
        send(new MigrateVmOnHost("again-" + vmId, source, vmId, destination), "m2-" + vmId);
        assertThat(((AgentCommandRejected) awaitAnswer("again-" + vmId, AgentCommandRejected.class)).reason())
                .contains("MB free");
        assertThat(fleet.vm(source, vmId)).hasValueSatisfying(vm -> assertThat(vm.state()).isEqualTo(VmState.RUNNING));
        for (String action : List.of("turn-off", "delete")) {
            send(new ChangeVmPowerOnHost(action + "-" + filler, destination, filler, action), action + "-" + filler);
            awaitAnswer(action + "-" + filler, AgentCommandCompleted.class);
        }
    }

    private PublicEvent awaitAnswer(String commandId, Class<? extends AgentAnswer> type) {
        return agentEvents(seen -> seen.stream().anyMatch(e -> type.isInstance(e)
                && ((AgentAnswer) e).commandId().equals(commandId))).stream()
                .filter(e -> type.isInstance(e) && ((AgentAnswer) e).commandId().equals(commandId))
                .findFirst().orElseThrow();
    }

    @Test
    void rejects_a_vm_that_does_not_fit_with_the_reason() {
        String vmId = "vm-" + UUID.randomUUID();
        send(new CreateVmOnHost("cmd-" + vmId, "agent-1-host-02", vmId, "huge", 8, 1_000_000, UBUNTU, 1, false, MemoryPlan.fixed(1_000_000)), "c-" + vmId);

        List<PublicEvent> answers = agentEvents(seen -> seen.stream()
                .anyMatch(e -> e instanceof AgentCommandRejected r && r.vmId().equals(vmId)));
        assertThat(answers).filteredOn(e -> e instanceof AgentCommandRejected r && r.vmId().equals(vmId))
                .singleElement().satisfies(e -> assertThat(((AgentCommandRejected) e).reason())
                        .contains("needs 1000000 MB to start"));
        assertThat(fleet.vm("agent-1-host-02", vmId)).isEmpty();
    }

    @Test
    void a_poison_record_parks_its_host_until_an_operator_discards_it_and_other_hosts_go_on() {
        String marker = "poison-" + UUID.randomUUID();
        kafka.send(new ProducerRecord<>(Topics.AGENT_COMMANDS, "agent-1-host-03",
                ("{not json " + marker).getBytes(StandardCharsets.UTF_8)));
        String parkedVm = "vm-" + UUID.randomUUID();
        send(new CreateVmOnHost("cmd-" + parkedVm, "agent-1-host-03", parkedVm, "behind-poison", 1, 1024, UBUNTU, 1,
                false, MemoryPlan.fixed(1024)), "c-" + parkedVm);
        String otherVm = "vm-" + UUID.randomUUID();
        send(new CreateVmOnHost("cmd-" + otherVm, "agent-1-host-02", otherVm, "other-host", 1, 1024, UBUNTU, 1,
                false, MemoryPlan.fixed(1024)), "c-" + otherVm);

        var parked = kafka.readUntil(Topics.deadLetter(Topics.AGENT_COMMANDS), Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> r.key().equals("agent-1-host-03")
                        && new String(r.value(), StandardCharsets.UTF_8).contains(parkedVm)));
        assertThat(parked).filteredOn(r -> new String(r.value(), StandardCharsets.UTF_8).contains(marker))
                .singleElement().satisfies(r -> assertThat(new String(
                        r.headers().lastHeader(IdempotentConsumer.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8))
                        .contains("not a CloudEvent"));
        // another host's commands are not held up
        assertThat(agentEvents(seen -> seen.stream().anyMatch(e -> e instanceof VmStartedOnHost s && s.vmId().equals(otherVm))))
                .anyMatch(e -> e instanceof VmStartedOnHost s && s.vmId().equals(otherVm));
        assertThat(fleet.host("agent-1-host-03").orElseThrow().inventory().vms()).noneMatch(vm -> vm.vmId().equals(parkedVm));

        // the operator gives up the poison record and redrives the command parked behind it
        List<java.util.Map<String, Object>> letters = io.restassured.RestAssured.given().auth().oauth2(ADMIN)
                .queryParam("limit", 500).get("/api/v1/dead-letters/hypervisor-agent").then().statusCode(200)
                .extract().jsonPath().getList("items");
        List<Long> ofHost = letters.stream().filter(l -> "agent-1-host-03".equals(l.get("key")))
                .map(l -> ((Number) l.get("id")).longValue()).toList();
        assertThat(ofHost).hasSize(2);
        io.restassured.RestAssured.given().auth().oauth2(ADMIN)
                .post("/api/v1/dead-letters/hypervisor-agent/" + ofHost.get(0) + "/discard").then().statusCode(200);
        io.restassured.RestAssured.given().auth().oauth2(ADMIN)
                .post("/api/v1/dead-letters/hypervisor-agent/" + ofHost.get(1) + "/redrive").then().statusCode(200)
                .body("redriven", org.hamcrest.Matchers.equalTo(1));
        assertThat(agentEvents(seen -> seen.stream().anyMatch(e -> e instanceof VmStartedOnHost s && s.vmId().equals(parkedVm))))
                .anyMatch(e -> e instanceof VmStartedOnHost s && s.vmId().equals(parkedVm));
    }

    @Test
    void the_engine_reports_state_guest_info_and_telemetry() {
        String vmId = "vm-" + UUID.randomUUID();
        send(new CreateVmOnHost("cmd-" + vmId, "agent-1-host-04", vmId, "info-1", 2, 2048, UBUNTU, 1, false, MemoryPlan.fixed(2048)), "c-" + vmId);

        List<PublicEvent> events = agentEvents(seen -> seen.stream()
                .anyMatch(e -> e instanceof GuestInfoReported g && g.vmId().equals(vmId)));
        assertThat(events).filteredOn(e -> e instanceof VmStateChangedOnHost s && s.vmId().equals(vmId))
                .extracting(e -> ((VmStateChangedOnHost) e).to()).startsWith("Starting", "Running");
        assertThat(events).filteredOn(e -> e instanceof GuestInfoReported g && g.vmId().equals(vmId)).first()
                .satisfies(e -> assertThat(((GuestInfoReported) e).osName()).isEqualTo("Ubuntu"));

        var telemetry = kafka.readUntil(Topics.AGENT_TELEMETRY, Duration.ofSeconds(30), seen -> decode(seen).stream()
                .anyMatch(e -> e instanceof HostTelemetry t && t.vms().stream().anyMatch(v -> v.vmId().equals(vmId))));
        assertThat(decode(telemetry)).anyMatch(e -> e instanceof HostTelemetry t
                && t.vms().stream().anyMatch(v -> v.vmId().equals(vmId) && v.assignedMb() == 2048));
    }

    @Test
    void an_unknown_guest_os_is_refused_with_the_reason() {
        String vmId = "vm-" + UUID.randomUUID();
        send(new CreateVmOnHost("cmd-" + vmId, "agent-1-host-01", vmId, "x", 1, 1024,
                new GuestOs("linux", "Plan9", "4"), 1, false, MemoryPlan.fixed(1024)), "c-" + vmId);
        List<PublicEvent> answers = agentEvents(seen -> seen.stream()
                .anyMatch(e -> e instanceof AgentCommandRejected r && r.vmId().equals(vmId)));
        assertThat(answers).filteredOn(e -> e instanceof AgentCommandRejected r && r.vmId().equals(vmId))
                .singleElement().satisfies(e -> assertThat(((AgentCommandRejected) e).reason())
                        .contains("unknown guest OS Plan9 4"));
    }

    @Test
    void fault_injection_panics_a_guest_and_refuses_what_the_engine_refuses() {
        String vmId = "vm-" + UUID.randomUUID();
        send(new CreateVmOnHost("cmd-" + vmId, "agent-1-host-03", vmId, "crashy", 1, 1024, UBUNTU, 1, false, MemoryPlan.fixed(1024)), "c-" + vmId);
        agentEvents(seen -> seen.stream().anyMatch(e -> e instanceof VmStartedOnHost s && s.vmId().equals(vmId)));

        io.restassured.RestAssured.given().auth().oauth2(ADMIN).post("/api/v1/agent/hosts/agent-1-host-03/vms/" + vmId + "/panic")
                .then().statusCode(202);
        io.restassured.RestAssured.given().auth().oauth2(ADMIN).post("/api/v1/agent/hosts/agent-1-host-03/vms/" + vmId + "/panic")
                .then().statusCode(409).contentType("application/problem+json");
        io.restassured.RestAssured.given().auth().oauth2(ADMIN).post("/api/v1/agent/hosts/agent-1-host-03/vms/nope/panic")
                .then().statusCode(404);
        // kdump on a 2012 R2 host: dump, then the VM reboots
        List<PublicEvent> events = agentEvents(seen -> seen.stream()
                .anyMatch(e -> e instanceof VmStateChangedOnHost s && s.vmId().equals(vmId) && s.to().equals("Resetting")));
        assertThat(events).anyMatch(e -> e instanceof VmStateChangedOnHost s && s.vmId().equals(vmId)
                && s.to().equals("Resetting"));
    }

    private static void send(AgentCommand command, String cloudEventId) {
        kafka.send(CloudEventCodec.encode(command, cloudEventId, "/test", Instant.now(), "acme", null));
    }

    private static List<PublicEvent> agentEvents(java.util.function.Predicate<List<PublicEvent>> enough) {
        List<ConsumerRecord<String, byte[]>> records = kafka.readUntil(Topics.AGENT_EVENTS, Duration.ofSeconds(30),
                seen -> enough.test(decode(seen)));
        return decode(records);
    }

    private static List<PublicEvent> decode(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(CloudEventCodec::decode).map(InboundEvent::data).toList();
    }
}
