package dev.hyperplane.agent.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperplane.events.EventJson;
import dev.hyperplane.guestsupport.LisMatrix;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * What makes a simulated host durable: every command its engine accepted, with the simulated time it was
 * applied at. The engine is deterministic, so replaying the log from the host's seed rebuilds it exactly, and it
 * runs on from where its clock stopped; an agent restart is not a power loss.
 */
@ApplicationScoped
public class ReplayLog {
    private static final Logger LOG = Logger.getLogger(ReplayLog.class);
    private static final ObjectMapper JSON = EventJson.newMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Inject
    HostStore store;

    /** Logs a command the host's engine just accepted, in the caller's transaction. */
    public void record(EngineHost host, EngineCommand command) {
        store.logCommand(host.spec().hostId(), host.engine().now(), write(command));
    }

    /** Rebuilds a host from its seed and its log, up to the simulated time it had reached. */
    EngineHost rebuild(HostStore.HostRow row, LisMatrix matrix) {
        EngineHost host = new EngineHost(row.spec(), row.seed(), matrix, row.publishedSeq());
        List<HostStore.LoggedCommand> log = QuarkusTransaction.requiringNew()
                .call(() -> store.commands(row.spec().hostId()));
        for (HostStore.LoggedCommand logged : log) {
            host.advanceTo(logged.simTimeMs());
            host.apply(read(logged.json()));
        }
        host.advanceTo(row.simTimeMs());
        LOG.infof("host %s replayed %d commands to %d s of simulated time", row.spec().hostId(), log.size(),
                row.simTimeMs() / 1000);
        return host;
    }

    private static String write(EngineCommand command) {
        try {
            return JSON.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EngineCommand read(String json) {
        try {
            return JSON.readValue(json, EngineCommand.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable engine command " + json, e);
        }
    }
}
