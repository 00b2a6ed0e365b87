package dev.hyperplane.agent.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperplane.agent.config.AgentConfig;
import dev.hyperplane.events.EventJson;
import dev.hyperplane.guestsupport.LisMatrix;
import dev.hyperplane.hyperv.CommandRejected;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What makes a simulated host durable: every command its engine accepted, with the simulated time it was
 * applied at, and now and then a snapshot of the whole host. The engine is deterministic, so restoring the
 * snapshot (or starting from the host's seed) and replaying the commands logged after it rebuilds the host
 * exactly, and it runs on from where its clock stopped; an agent restart is not a power loss. Restart time is
 * bounded by the snapshot interval, not by uptime.
 */
@ApplicationScoped
public class ReplayLog {
    private static final Logger LOG = Logger.getLogger(ReplayLog.class);
    private static final ObjectMapper JSON = EventJson.newMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final TypeReference<Map<String, EngineHost.Pending>> WAITING = new TypeReference<>() {
    };

    @Inject
    HostStore store;
    @Inject
    AgentConfig config;

    /** Logs a command the host's engine just accepted, in the caller's transaction. */
    public void record(EngineHost host, EngineCommand command) {
        host.logged(store.logCommand(host.spec().hostId(), host.engine().now(), json(command)));
    }

    /** A command as the log holds it. */
    static String json(EngineCommand command) {
        return write(command);
    }

    /** Builds a host from its snapshot (or seed) and the log after it, up to the simulated time it had reached. */
    EngineHost rebuild(HostStore.HostRow row, LisMatrix matrix) {
        EngineHost host = new EngineHost(row.spec(), row.seed(), matrix, row.publishedSeq());
        host.faults(row.faults());
        replay(host, row, matrix, row.simTimeMs());
        return host;
    }

    /**
     * Rebuilds a host in place from what is durable, when its engine may be ahead of its log: the same object,
     * so every reference to it stays valid. Runs on to the simulated time it had reached in memory.
     */
    void rebuildInPlace(EngineHost host, LisMatrix matrix) {
        long reached = host.simTimeMs();
        HostStore.HostRow row = QuarkusTransaction.requiringNew().call(() -> store.host(host.spec().hostId()))
                .orElseThrow();
        replay(host, row, matrix, Math.max(reached, row.simTimeMs()));
        LOG.warnf("host %s rebuilt from its log: a change to it did not commit", row.spec().hostId());
    }

    private void replay(EngineHost host, HostStore.HostRow row, LisMatrix matrix, long until) {
        String hostId = row.spec().hostId();
        Optional<HostStore.StoredSnapshot> stored = QuarkusTransaction.requiringNew().call(() -> store.snapshot(hostId));
        long after = 0;
        try {
            host.start(row.seed(), stored.map(ReplayLog::read).orElse(null), matrix);
            after = stored.map(HostStore.StoredSnapshot::commandSeq).orElse(0L);
        } catch (IllegalArgumentException e) {
            // an engine that cannot read its snapshot (an incompatible upgrade) starts from the seed with what the
            // log still holds; VMs whose commands were pruned are missing, and the reconciler reports them Lost
            LOG.errorf("host %s: %s; replaying its whole log instead", hostId, e.getMessage());
            host.start(row.seed(), null, matrix);
        }
        long from = after;
        List<HostStore.LoggedCommand> log = QuarkusTransaction.requiringNew().call(() -> store.commands(hostId, from));
        for (HostStore.LoggedCommand logged : log) {
            host.advanceTo(logged.simTimeMs());
            try {
                host.apply(command(logged.json()));
            } catch (CommandRejected e) { // only when the log lost its beginning (see above)
                LOG.warnf("host %s: logged command %d no longer applies: %s", hostId, logged.seq(), e.getMessage());
            }
            host.logged(logged.seq());
        }
        host.advanceTo(until);
        LOG.infof("host %s: %s, %d commands replayed, at %d s of simulated time", hostId,
                after > 0 ? "snapshot restored" : "started from its seed", log.size(), until / 1000);
    }

    /**
     * Snapshots the host when one is due and nothing is in flight; the caller holds the host's lock while the
     * snapshot is taken. Writing it is idempotent: a newer stored snapshot is never replaced by an older one.
     */
    void snapshotIfDue(EngineHost host) {
        if (!host.snapshotDue(config.snapshotEveryCommands(), config.snapshotEverySimulated().toMillis())) {
            return;
        }
        host.snapshot().ifPresent(snapshot -> {
            QuarkusTransaction.requiringNew().run(() -> store.saveSnapshot(host.spec().hostId(),
                    new HostStore.StoredSnapshot(snapshot.commandSeq(), snapshot.simTimeMs(), snapshot.eventSeq(),
                            write(snapshot.waiting()), snapshot.engine())));
            host.snapshotTaken(snapshot);
        });
    }

    private static EngineHost.Snapshot read(HostStore.StoredSnapshot stored) {
        try {
            return new EngineHost.Snapshot(stored.commandSeq(), stored.simTimeMs(), stored.eventSeq(),
                    JSON.readValue(stored.waiting(), WAITING), stored.engine());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable waiting commands in the snapshot: " + e.getMessage(), e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An engine value (a VM's spec, its state at a hand-off) as JSON, the way the log writes it. */
    static String engineJson(Object value) {
        return write(value);
    }

    /**
     * An engine value {@link #engineJson} wrote.
     *
     * @throws CommandRejected when it is not one (it came from another agent)
     */
    static <T> T engineValue(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new CommandRejected("unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /** A command as {@link #json} wrote it. */
    static EngineCommand command(String json) {
        try {
            return JSON.readValue(json, EngineCommand.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable engine command " + json, e);
        }
    }
}
