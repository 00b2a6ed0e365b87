package dev.hyperplane.agent.messaging;

import dev.hyperplane.agent.domain.HostStore;
import dev.hyperplane.events.GuestOs;
import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.Topics;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.HostAnnounced;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
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

@QuarkusTest
@QuarkusTestResource(value = HyperplaneTestResource.class, initArgs = @ResourceArg(name = "database", value = "agent_test"))
class AgentCommandsTest {
    private static final GuestOs UBUNTU = new GuestOs("linux", "Ubuntu", "22.04 LTS");
    private static KafkaTestClient kafka;

    @Inject
    HostStore store;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.forTestInfrastructure();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void announces_its_four_hosts_at_start() {
        List<PublicEvent> events = agentEvents(seen -> seen.stream().filter(e -> e instanceof HostAnnounced).count() >= 4);
        assertThat(events).filteredOn(e -> e instanceof HostAnnounced)
                .extracting(e -> ((HostAnnounced) e).hostId())
                .contains("agent-1-host-01", "agent-1-host-02", "agent-1-host-03", "agent-1-host-04");
    }

    @Test
    void starts_a_vm_once_even_when_the_command_is_delivered_twice() {
        String vmId = "vm-" + UUID.randomUUID();
        var command = new CreateVmOnHost("cmd-" + vmId, "agent-1-host-01", vmId, "web-1", 2, 2048, UBUNTU);
        send(command, "c1-" + vmId);
        send(command, "c2-" + vmId); // a redelivery under another CloudEvent id: the command id still matches

        List<PublicEvent> answers = agentEvents(seen -> seen.stream()
                .filter(e -> e instanceof VmStartedOnHost s && s.vmId().equals(vmId)).count() >= 2);
        assertThat(answers).filteredOn(e -> e instanceof VmStartedOnHost s && s.vmId().equals(vmId))
                .hasSize(2).allSatisfy(e -> assertThat(((VmStartedOnHost) e).commandId()).isEqualTo(command.commandId()));
        assertThat(store.vms("agent-1-host-01")).filteredOn(vm -> vm.vmId().equals(vmId)).hasSize(1)
                .allSatisfy(vm -> assertThat(vm.state()).isEqualTo("Running"));
    }

    @Test
    void rejects_a_vm_that_does_not_fit_with_the_reason() {
        String vmId = "vm-" + UUID.randomUUID();
        send(new CreateVmOnHost("cmd-" + vmId, "agent-1-host-02", vmId, "huge", 8, 1_000_000, UBUNTU), "c-" + vmId);

        List<PublicEvent> answers = agentEvents(seen -> seen.stream()
                .anyMatch(e -> e instanceof AgentCommandRejected r && r.vmId().equals(vmId)));
        assertThat(answers).filteredOn(e -> e instanceof AgentCommandRejected r && r.vmId().equals(vmId))
                .singleElement().satisfies(e -> assertThat(((AgentCommandRejected) e).reason())
                        .contains("1000000 MB requested"));
        assertThat(store.vm(vmId)).isEmpty();
    }

    @Test
    void parks_a_poison_record_on_the_dead_letter_topic_and_keeps_consuming() {
        String marker = "poison-" + UUID.randomUUID();
        kafka.send(new ProducerRecord<>(Topics.AGENT_COMMANDS, "agent-1-host-03",
                ("{not json " + marker).getBytes(StandardCharsets.UTF_8)));
        String vmId = "vm-" + UUID.randomUUID();
        send(new CreateVmOnHost("cmd-" + vmId, "agent-1-host-03", vmId, "after-poison", 1, 1024, UBUNTU), "c-" + vmId);

        var parked = kafka.readUntil(Topics.deadLetter(Topics.AGENT_COMMANDS), Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(marker)));
        assertThat(parked).filteredOn(r -> new String(r.value(), StandardCharsets.UTF_8).contains(marker))
                .singleElement().satisfies(r -> assertThat(new String(
                        r.headers().lastHeader(IdempotentConsumer.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8))
                        .contains("not a CloudEvent"));
        assertThat(agentEvents(seen -> seen.stream().anyMatch(e -> e instanceof VmStartedOnHost s && s.vmId().equals(vmId))))
                .anyMatch(e -> e instanceof VmStartedOnHost s && s.vmId().equals(vmId));
    }

    private static void send(CreateVmOnHost command, String cloudEventId) {
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
