package dev.hyperplane.agent.messaging;

import dev.hyperplane.agent.config.AgentConfig;
import dev.hyperplane.agent.domain.EngineFleet;
import dev.hyperplane.agent.domain.EngineHost;
import dev.hyperplane.agent.domain.HostStore;
import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.KafkaPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Drives the simulated hosts: every real second each host's clock moves {@code time-scale} simulated seconds, the
 * engine's events go to Kafka (ids stable across replays), VMs that migrated out are handed to their destination,
 * commands that got what they waited for are answered, and a telemetry sample per host goes to the telemetry topic. Progress (simulated time, last acknowledged event) is
 * saved only after Kafka acknowledged.
 */
@ApplicationScoped
public class EngineClock {
    private static final Logger LOG = Logger.getLogger(EngineClock.class);

    @Inject
    EngineFleet fleet;
    @Inject
    HostStore store;
    @Inject
    KafkaPublisher publisher;
    @Inject
    AgentConfig config;

    private double carryMs;

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        carryMs += 1000 * config.timeScale();
        long stepMs = (long) (carryMs / 1000) * 1000;
        carryMs -= stepMs;
        for (EngineHost host : fleet.hosts()) {
            try {
                step(host, stepMs);
            } catch (Exception e) {
                // nothing is lost: unacknowledged events stay in the outbox and go out next second
                LOG.warnf("host %s: %s", host.spec().hostId(), e.toString());
            }
        }
    }

    private void step(EngineHost host, long stepMs) throws Exception {
        List<EngineHost.Outgoing> events;
        List<AgentAnswer> answers;
        List<EngineHost.HandOff> handOffs;
        long simTime;
        HostTelemetry telemetry;
        synchronized (host) {
            fleet.advance(host, stepMs);
            events = host.unpublished();
            answers = host.takeAnswers();
            handOffs = host.takeHandOffs();
            simTime = fleet.simTime(host);
            telemetry = host.telemetry();
        }
        List<AgentAnswer> toSend = new ArrayList<>(answers);
        for (EngineHost.HandOff handOff : handOffs) {
            // outside the source's lock (the destination's is taken); the answer is logged with the accept
            toSend.add(fleet.handOff(handOff));
        }
        String source = "/hyperplane/hypervisor-agent/" + config.id();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (EngineHost.Outgoing out : events) {
            sends.add(publisher.send(CloudEventCodec.encode(out.event(), out.id(), source, Instant.now(), null, null)));
        }
        for (AgentAnswer answer : answers) {
            // logged first: a redelivered create command then gets this same answer
            QuarkusTransaction.requiringNew().run(() -> store.logAnswer(answer.commandId(), EngineFleet.encode(answer)));
        }
        for (AgentAnswer answer : toSend) {
            sends.add(publisher.send(CloudEventCodec.encode(answer, "answer-" + answer.commandId(), source,
                    Instant.now(), null, null)));
        }
        sends.add(publisher.send(CloudEventCodec.encode(telemetry, UUID.randomUUID().toString(), source,
                Instant.now(), null, null)));
        for (Future<RecordMetadata> send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }
        long lastSeq = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
        QuarkusTransaction.requiringNew().run(() -> store.saveProgress(host.spec().hostId(), simTime, lastSeq));
        synchronized (host) {
            host.published(lastSeq);
        }
    }
}
