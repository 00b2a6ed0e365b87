package dev.hyperplane.agent.messaging;

import dev.hyperplane.agent.config.AgentConfig;
import dev.hyperplane.agent.domain.EngineFleet;
import dev.hyperplane.agent.domain.EngineHost;
import dev.hyperplane.agent.domain.HostDefinition;
import dev.hyperplane.events.agent.HostAnnounced;
import dev.hyperplane.platform.messaging.CloudEventCodec;
import dev.hyperplane.platform.messaging.KafkaPublisher;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Offers this agent's hosts to the fleet at every start; inventory registers each once. */
@ApplicationScoped
public class HostAnnouncer {
    private static final Logger LOG = Logger.getLogger(HostAnnouncer.class);

    @Inject
    AgentConfig config;
    @Inject
    EngineFleet fleet;
    @Inject
    KafkaPublisher publisher;

    void onStart(@Observes StartupEvent event) throws Exception {
        Instant now = Instant.now();
        for (EngineHost engineHost : fleet.hosts()) {
            HostDefinition host = engineHost.spec();
            var announced = new HostAnnounced(host.hostId(), host.name(), config.id(), host.windowsServerVersion(),
                    host.logicalProcessors(), host.memoryMb(), host.rootReserveMb(), now);
            publisher.send(CloudEventCodec.encode(announced, UUID.randomUUID().toString(),
                    "/hyperplane/hypervisor-agent/" + config.id(), now, null, null)).get(30, TimeUnit.SECONDS);
        }
        LOG.infof("agent %s announced %d hosts", config.id(), fleet.hosts().size());
    }
}
