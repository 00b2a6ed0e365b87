package dev.hyperplane.agent.messaging;

import dev.hyperplane.agent.config.AgentConfig;
import dev.hyperplane.agent.domain.EngineFleet;
import dev.hyperplane.agent.domain.EngineHost;
import dev.hyperplane.agent.domain.HostDefinition;
import dev.hyperplane.events.agent.HostAnnounced;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.KafkaPublisher;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Offers this agent's hosts to the fleet at every start; inventory registers each once. A broker that is slow or
 * away at start does not stop the agent: each host is announced again every 2 s until Kafka acknowledged it.
 */
@ApplicationScoped
public class HostAnnouncer {
    private static final Logger LOG = Logger.getLogger(HostAnnouncer.class);

    @Inject
    AgentConfig config;
    @Inject
    EngineFleet fleet;
    @Inject
    KafkaPublisher publisher;

    /** Hosts not announced since this start. */
    private final Set<String> unannounced = ConcurrentHashMap.newKeySet();

    void onStart(@Observes StartupEvent event) {
        fleet.hosts().forEach(host -> unannounced.add(host.spec().hostId()));
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void announce() {
        if (unannounced.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        for (EngineHost engineHost : fleet.hosts()) {
            HostDefinition host = engineHost.spec();
            if (!unannounced.contains(host.hostId())) {
                continue;
            }
            var announced = new HostAnnounced(host.hostId(), host.name(), config.id(), host.windowsServerVersion(),
                    host.logicalProcessors(), host.memoryMb(), host.rootReserveMb(), now);
            try {
                publisher.send(CloudEventCodec.encode(announced, UUID.randomUUID().toString(),
                        "/hyperplane/hypervisor-agent/" + config.id(), now, null, null)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warnf("announcing host %s failed, trying again shortly: %s", host.hostId(), e.toString());
                return;
            }
            unannounced.remove(host.hostId());
        }
        LOG.infof("agent %s announced %d hosts", config.id(), fleet.hosts().size());
    }
}
