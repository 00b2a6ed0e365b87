package dev.hyperplane.agent.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.agent.config.AgentConfig;
import dev.hyperplane.events.EventCatalog;
import dev.hyperplane.events.EventJson;
import dev.hyperplane.events.MessageType;
import dev.hyperplane.events.PublicEvent;
import dev.hyperplane.events.MemoryPlan;
import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommand;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.ChangeVmPowerOnHost;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.BackupVmOnHost;
import dev.hyperplane.events.agent.CopyFileToVmOnHost;
import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.events.agent.ResizeVmOnHost;
import dev.hyperplane.events.agent.SetVmMemoryOnHost;
import dev.hyperplane.events.agent.SetVmKvpOnHost;
import dev.hyperplane.events.agent.SetVmVideoOnHost;
import dev.hyperplane.events.agent.CreateVmOnHost;
import dev.hyperplane.events.agent.VmStartedOnHost;
import dev.hyperplane.hyperv.CommandRejected;
import dev.hyperplane.guestsupport.LisMatrix;

import dev.hyperplane.hyperv.MemorySettings;
import dev.hyperplane.hyperv.VmSpec;
import dev.hyperplane.hyperv.VmState;
import dev.hyperplane.hyperv.VmView;
import dev.hyperplane.hyperv.Workload;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The hosts this agent simulates, each a {@link EngineHost} on the Hyper-V engine. Durable: every command the
 * engine accepts is logged with its simulated time, and at start each host is rebuilt by replaying its log from
 * its seed (the engine is deterministic), then runs on from where its clock stopped. Events Kafka had already
 * acknowledged are not published again.
 * <p>
 * Each agent command is applied once: its answer is logged with its effect; a command that waits for the engine
 * (create, start, shut-down, restart, pause, save, resume, backup, migration) is answered when the engine reports
 * what it waited for; a redelivered command gets the logged answer again.
 */
@ApplicationScoped
public class EngineFleet {
    private static final Logger LOG = Logger.getLogger(EngineFleet.class);
    private static final ObjectMapper JSON = EventJson.newMapper()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final List<Workload> WORKLOADS = List.of(Workload.IDLE, Workload.WEB, Workload.DATABASE,
            Workload.BATCH);

    @Inject
    AgentConfig config;
    @Inject
    HostStore store;

    private final LisMatrix matrix = LisMatrix.shipped();
    private final Map<String, EngineHost> hosts = new LinkedHashMap<>();
    private volatile boolean loaded;

    /**
     * Creates this agent's hosts on first start ({@code <agent id>-host-NN}, the host profiles taking turns) and
     * replays every host's log.
     */
    public void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            List<HostProfile> mix = profiles();
            QuarkusTransaction.requiringNew().run(() -> IntStream.rangeClosed(1, config.hosts()).forEach(i -> {
                String id = "%s-host-%02d".formatted(config.id(), i);
                store.ensureHost(config.id(), HostProfile.forHost(mix, i).spec(id), config.seed() + i);
            }));
            for (HostStore.HostRow row : QuarkusTransaction.requiringNew().call(() -> store.hosts(config.id()))) {
                EngineHost host = new EngineHost(row.spec(), row.seed(), matrix, row.publishedSeq());
                List<HostStore.LoggedCommand> log = QuarkusTransaction.requiringNew()
                        .call(() -> store.commands(row.spec().hostId()));
                for (HostStore.LoggedCommand logged : log) {
                    host.advanceTo(logged.simTimeMs());
                    host.apply(read(logged.json()));
                }
                host.advanceTo(row.simTimeMs());
                hosts.put(row.spec().hostId(), host);
                LOG.infof("host %s replayed %d commands to %d s of simulated time", row.spec().hostId(), log.size(),
                        row.simTimeMs() / 1000);
            }
            loaded = true;
        }
    }

    /** The configured mix of host kinds, or the one profile of the single-host settings. */
    private List<HostProfile> profiles() {
        return config.hostProfiles().map(list -> list.stream().map(HostProfile::parse).toList())
                .orElseGet(() -> List.of(new HostProfile(config.windowsServerVersion(), config.hostLogicalProcessors(),
                        config.hostMemoryMb(), config.hostRootReserveMb())));
    }

    public Collection<EngineHost> hosts() {
        ensureLoaded();
        return hosts.values();
    }

    public Optional<EngineHost> host(String hostId) {
        ensureLoaded();
        return Optional.ofNullable(hosts.get(hostId));
    }

    public boolean runs(String hostId) {
        return host(hostId).isPresent();
    }

    /**
     * Applies an agent command for one of this agent's hosts inside the caller's transaction.
     *
     * @return the answer to send now, or empty while the VM gets to the command's state (the answer follows)
     */
    public Optional<AgentAnswer> apply(AgentCommand command) {
        Optional<HostStore.LoggedAnswer> logged = store.answerFor(command.commandId());
        if (logged.isPresent()) {
            return logged.map(EngineFleet::decode);
        }
        EngineHost host = host(command.hostId()).orElseThrow();
        synchronized (host) {
            if (host.awaits(command.vmId(), command.commandId())) {
                return Optional.empty(); // redelivered while its VM gets there
            }
            if (command instanceof CreateVmOnHost create && host.engine().vmIds().contains(create.vmId())) {
                return existing(host, create);
            }
            EngineCommand engineCommand;
            Optional<AgentAnswer> answer;
            try {
                engineCommand = toEngine(command);
                answer = host.apply(engineCommand);
            } catch (CommandRejected e) {
                return Optional.of(logged(new AgentCommandRejected(command.commandId(), command.hostId(),
                        command.vmId(), e.getMessage())));
            }
            store.logCommand(host.spec().hostId(), host.engine().now(), write(engineCommand));
            return answer.map(this::logged);
        }
    }

    private EngineCommand toEngine(AgentCommand command) {
        if (command instanceof CreateVmOnHost create) {
            return new EngineCommand.CreateVm(create.vmId(), specOf(create), create.commandId());
        }
        if (command instanceof ChangeVmPowerOnHost power) {
            return new EngineCommand.Power(power.vmId(), power.action(), power.commandId());
        }
        if (command instanceof ResizeVmOnHost resize) {
            return new EngineCommand.Resize(resize.vmId(), resize.vcpus(),
                    memorySettings(resize.memoryMb(), resize.memory()), resize.commandId());
        }
        if (command instanceof SetVmMemoryOnHost memory) {
            return new EngineCommand.SetMemory(memory.vmId(), memorySettings(memory.startupMb(), memory.memory()),
                    memory.commandId());
        }
        if (command instanceof SetVmVideoOnHost video) {
            return new EngineCommand.SetVideo(video.vmId(), video.width(), video.height(), video.commandId());
        }
        if (command instanceof BackupVmOnHost backup) {
            return new EngineCommand.Backup(backup.vmId(), backup.commandId());
        }
        if (command instanceof CopyFileToVmOnHost copy) {
            return new EngineCommand.CopyFile(copy.vmId(), copy.path(), copy.bytes(), copy.overwrite(),
                    copy.commandId());
        }
        if (command instanceof SetVmKvpOnHost kvp) {
            return new EngineCommand.SetKvp(kvp.vmId(), kvp.key(), kvp.value(), kvp.commandId());
        }
        if (command instanceof MigrateVmOnHost migrate) {
            requireRoomOn(migrate);
            return new EngineCommand.Migrate(migrate.vmId(), migrate.destinationHostId(),
                    config.migrationLinkMbPerSecond(), migrate.commandId());
        }
        throw new CommandRejected("this agent does not know command " + command.getClass().getSimpleName());
    }

    /**
     * The destination must be another host of this agent (the hand-off of a running VM happens in this process)
     * with room for the VM's memory now; a destination that filled up meanwhile is handled at the hand-off.
     */
    private void requireRoomOn(MigrateVmOnHost migrate) {
        EngineHost destination = hosts.get(migrate.destinationHostId());
        if (destination == null) {
            throw new CommandRejected("host " + migrate.destinationHostId() + " is not run by agent " + config.id()
                    + "; live migration needs both hosts on the same agent");
        }
        if (migrate.destinationHostId().equals(migrate.hostId())) {
            throw new CommandRejected("VM " + migrate.vmId() + " already runs on " + migrate.hostId());
        }
        long needs = host(migrate.hostId()).orElseThrow().engine().vmView(migrate.vmId()).assignedMb();
        long free;
        synchronized (destination) {
            free = destination.engine().freeMemoryMb();
        }
        if (free < needs) {
            throw new CommandRejected("host " + migrate.destinationHostId() + " has " + free + " MB free, VM "
                    + migrate.vmId() + " holds " + needs + " MB");
        }
    }

    /**
     * The second half of a live migration: the destination accepts the VM that left its source. Should the
     * destination have no room any more, the VM goes back to its source (whose memory it just released), so it is
     * never lost. The answer is logged in the same transaction as the accept: a replay that produces the hand-off
     * again finds it done.
     *
     * @return the migrate command's answer
     */
    public AgentAnswer handOff(EngineHost.HandOff handOff) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<HostStore.LoggedAnswer> done = store.answerFor(handOff.commandId());
            if (done.isPresent()) {
                return decode(done.get());
            }
            String vmId = handOff.vm().vmId();
            try {
                accept(handOff.destinationHostId(), handOff);
                return logged(new AgentCommandCompleted(handOff.commandId(), handOff.sourceHostId(), vmId,
                        Instant.now()));
            } catch (CommandRejected e) {
                accept(handOff.sourceHostId(), handOff);
                return logged(new AgentCommandRejected(handOff.commandId(), handOff.sourceHostId(), vmId,
                        "host " + handOff.destinationHostId() + " refused the VM at the hand-off (" + e.getMessage()
                                + "); it runs on " + handOff.sourceHostId() + " again"));
            }
        });
    }

    private void accept(String hostId, EngineHost.HandOff handOff) {
        EngineHost host = hosts.get(hostId);
        synchronized (host) {
            EngineCommand accept = new EngineCommand.AcceptIn(handOff.vm(), handOff.commandId());
            host.apply(accept);
            store.logCommand(hostId, host.engine().now(), write(accept));
        }
    }

    private AgentAnswer logged(AgentAnswer answer) {
        store.logAnswer(answer.commandId(), encode(answer));
        return answer;
    }

    /** A VM id the host already has: never created twice. */
    private Optional<AgentAnswer> existing(EngineHost host, CreateVmOnHost command) {
        VmView vm = host.engine().vmView(command.vmId());
        return Optional.of(logged(vm.state() == VmState.RUNNING
                ? new VmStartedOnHost(command.commandId(), command.hostId(), command.vmId(), Instant.now())
                : new AgentCommandRejected(command.commandId(), command.hostId(), command.vmId(),
                "VM " + command.vmId() + " already exists on this host, " + vm.state())));
    }

    /** Moves a host's simulated clock forward; the caller holds the host's lock. */
    public void advance(EngineHost host, long millis) {
        host.advanceTo(host.engine().now() + millis);
    }

    public long simTime(EngineHost host) {
        return host.engine().now();
    }

    /** A VM as its host sees it. */
    public Optional<VmView> vm(String hostId, String vmId) {
        return host(hostId).flatMap(h -> {
            synchronized (h) {
                return h.engine().vmIds().contains(vmId) ? Optional.of(h.engine().vmView(vmId)) : Optional.empty();
            }
        });
    }

    public List<VmView> vms(String hostId) {
        EngineHost h = host(hostId).orElseThrow();
        synchronized (h) {
            return h.engine().vmIds().stream().map(id -> h.engine().vmView(id)).toList();
        }
    }

    /** Applies a fault or control command to a host and logs it for replay. */
    public void control(String hostId, EngineCommand command) {
        EngineHost host = host(hostId).orElseThrow(() -> new CommandRejected("no host " + hostId + " on this agent"));
        synchronized (host) {
            host.apply(command);
            QuarkusTransaction.requiringNew().run(() -> store.logCommand(hostId, host.engine().now(), write(command)));
        }
    }

    /** One disk and one NIC; the workload is chosen from the VM id, so replays agree. */
    private VmSpec specOf(CreateVmOnHost command) {
        var guest = GuestCatalog.guest(command.guestOs(), matrix);
        var workload = WORKLOADS.get(Math.floorMod(command.vmId().hashCode(), WORKLOADS.size()));
        return new VmSpec(command.name(), command.generation(), command.secureBoot(), command.vcpus(),
                memorySettings(command.memoryMb(), command.memory()), 1, 1, guest, workload);
    }

    private static MemorySettings memorySettings(long startupMb, MemoryPlan plan) {
        return plan.enabled()
                ? MemorySettings.dynamic(startupMb, plan.minimumMb(), plan.maximumMb(), plan.bufferPercent(),
                plan.priority())
                : MemorySettings.fixed(startupMb);
    }

    public static HostStore.LoggedAnswer encode(PublicEvent answer) {
        try {
            MessageType type = EventCatalog.forClass(answer.getClass()).orElseThrow();
            return new HostStore.LoggedAnswer(type.ceType(), JSON.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AgentAnswer decode(HostStore.LoggedAnswer logged) {
        try {
            MessageType type = EventCatalog.forType(logged.type()).orElseThrow();
            return (AgentAnswer) JSON.readValue(logged.json(), type.recordClass());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
