package dev.hyperplane.agent.messaging;

import dev.hyperplane.agent.config.AgentConfig;
import dev.hyperplane.agent.domain.AnswerLog;
import dev.hyperplane.agent.domain.EngineHost;
import dev.hyperplane.agent.domain.HostStore;
import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.HostInventoryReported;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.KafkaPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes what one host reported in a step: its engine events (ids stable across replays), the answers to
 * commands that got what they waited for, and a telemetry sample. The host's progress (simulated time, last
 * acknowledged event) is saved only after Kafka acknowledged all of it.
 */
@ApplicationScoped
public class HostReportPublisher {

    /**
     * What one host reported in one step, taken under its lock.
     *
     * @param answers   answers not yet acknowledged by Kafka (logging them again is harmless: the first wins)
     * @param inventory the host's whole inventory when one is due, else null
     */
    public record Report(EngineHost host, List<EngineHost.Outgoing> events, List<AgentAnswer> answers,
                         long simTimeMs, HostTelemetry telemetry, HostInventoryReported inventory) {
    }

    @Inject
    KafkaPublisher publisher;
    @Inject
    HostStore store;
    @Inject
    AnswerLog answerLog;
    @Inject
    AgentConfig config;

    void publish(Report report) throws Exception {
        String source = "/hyperplane/hypervisor-agent/" + config.id();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (EngineHost.Outgoing out : report.events()) {
            sends.add(publisher.send(CloudEventCodec.encode(out.event(), out.id(), source, Instant.now(), null, null)));
        }
        for (AgentAnswer answer : report.answers()) {
            // logged first (again, for one a failed step kept: the first logged wins): a redelivered command then
            // gets this same answer
            QuarkusTransaction.requiringNew().run(() -> answerLog.log(answer));
        }
        for (AgentAnswer answer : report.answers()) {
            sends.add(publisher.send(CloudEventCodec.encode(answer, "answer-" + answer.commandId(), source,
                    Instant.now(), null, null)));
        }
        sends.add(publisher.send(CloudEventCodec.encode(report.telemetry(), UUID.randomUUID().toString(), source,
                Instant.now(), null, null)));
        if (report.inventory() != null) {
            sends.add(publisher.send(CloudEventCodec.encode(report.inventory(), UUID.randomUUID().toString(), source,
                    Instant.now(), null, null)));
        }
        for (Future<RecordMetadata> send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }
        List<EngineHost.Outgoing> events = report.events();
        long lastSeq = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
        EngineHost host = report.host();
        QuarkusTransaction.requiringNew().run(() -> store.saveProgress(host.spec().hostId(), report.simTimeMs(),
                lastSeq));
        synchronized (host) {
            host.published(lastSeq);
            host.answersSent(report.answers()); // only now: until here a failure keeps them for the next step
        }
    }
}
