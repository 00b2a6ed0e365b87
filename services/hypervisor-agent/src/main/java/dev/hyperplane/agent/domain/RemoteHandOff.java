package dev.hyperplane.agent.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.events.EventCatalog;
import dev.hyperplane.events.EventJson;
import dev.hyperplane.events.MessageType;
import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommand;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.EndIncomingMigration;
import dev.hyperplane.events.agent.HandOffMigration;
import dev.hyperplane.events.agent.IncomingMigrationAnswered;
import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.events.agent.PrepareIncomingMigration;
import dev.hyperplane.hyperv.CommandRejected;
import dev.hyperplane.hyperv.MigratedVm;
import dev.hyperplane.hyperv.VmSpec;
import dev.hyperplane.hyperv.VmState;
import dev.hyperplane.hyperv.VmView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.hyperplane.agent.domain.RemoteMigration.Phase.ABORTED;
import static dev.hyperplane.agent.domain.RemoteMigration.Phase.ACCEPTED;
import static dev.hyperplane.agent.domain.RemoteMigration.Phase.COMMITTED;
import static dev.hyperplane.agent.domain.RemoteMigration.Phase.HANDING_OFF;
import static dev.hyperplane.agent.domain.RemoteMigration.Phase.MIGRATING;
import static dev.hyperplane.agent.domain.RemoteMigration.Phase.PREPARING;
import static dev.hyperplane.agent.domain.RemoteMigration.Phase.REFUSED;
import static dev.hyperplane.agent.domain.RemoteMigration.Phase.RELEASED;
import static dev.hyperplane.agent.domain.RemoteMigration.Phase.RESERVED;
import static dev.hyperplane.agent.domain.RemoteMigration.Phase.STARTED;
import static dev.hyperplane.agent.domain.RemoteMigration.Role.DESTINATION;
import static dev.hyperplane.agent.domain.RemoteMigration.Role.SOURCE;

/**
 * A live migration between hosts of two agents, over {@code hyperplane.agent.commands} (each message keyed by the
 * host it is for). The source's agent coordinates and decides once; the destination's agent holds what it is asked
 * to and follows the decision, so the VM never runs on two hosts and never on none once decided:
 * <ol>
 *   <li>source: {@link PrepareIncomingMigration}; the destination reserves the memory and answers
 *       ({@link IncomingMigrationAnswered} {@code prepare});</li>
 *   <li>source: the passes run; at the blackout the VM is frozen and its state goes out ({@link HandOffMigration});
 *       the destination holds the state and memory without running the VM, and answers {@code hand-off};</li>
 *   <li>source: on acceptance it lets go of the VM ({@code CompleteMigrationOut}) and sends
 *       {@link EndIncomingMigration} {@code commit}; the destination starts the VM and answers the migrate command.
 *       On refusal, or no answer in time, the VM runs on at the source and {@code abort} lets the destination go of
 *       what it holds.</li>
 * </ol>
 * Each side keeps its step in {@code remote_migration}, in one transaction with the engine commands it logs for
 * replay. Every message is safe to receive twice: a side answers a repeated request from its row. The source sends
 * a question again every resend interval until answered and gives up at its deadline; a decision is sent until it
 * is on the topic. So an agent killed at any step finds its row and its host's log on restart and goes on, and
 * one that stays away longer than the source waits ends the migration aborted with the VM on its source.
 */
final class RemoteHandOff {
    private static final Logger LOG = Logger.getLogger(RemoteHandOff.class);
    private static final ObjectMapper JSON = EventJson.newMapper();

    private final Function<String, EngineHost> hosts;
    private final Consumer<EngineHost> rebuildIfStale;
    private final ReplayLog replayLog;
    private final AnswerLog answers;
    private final HostStore store;
    private final Duration prepareTimeout;
    private final Duration handOffTimeout;
    private final Duration resendEvery;

    RemoteHandOff(Function<String, EngineHost> hosts, Consumer<EngineHost> rebuildIfStale, ReplayLog replayLog,
                  AnswerLog answers, HostStore store, Duration prepareTimeout, Duration handOffTimeout,
                  Duration resendEvery) {
        this.hosts = hosts;
        this.rebuildIfStale = rebuildIfStale;
        this.replayLog = replayLog;
        this.answers = answers;
        this.store = store;
        this.prepareTimeout = prepareTimeout;
        this.handOffTimeout = handOffTimeout;
        this.resendEvery = resendEvery;
    }

    // ---- the source's side -------------------------------------------------------------------------------------

    /** Asks the destination's agent to hold the VM's memory; the passes start when it has. */
    CommandOutcome start(MigrateVmOnHost migrate, EngineCommand.Migrate passes) {
        EngineHost source = hosts.apply(migrate.hostId());
        String id = migrate.commandId();
        String vmId = migrate.vmId();
        return inHost(source, () -> {
            Optional<AgentAnswer> logged = answers.answerFor(id);
            if (logged.isPresent()) {
                return CommandOutcome.answer(logged.get());
            }
            Optional<RemoteMigration> known = store.remoteMigration(id, SOURCE);
            if (known.isPresent()) { // redelivered: ask again while it is unanswered
                return known.get().phase() == PREPARING ? CommandOutcome.send(request(known.get())) : CommandOutcome.NONE;
            }
            String refusal = store.agentOf(migrate.destinationHostId()).isEmpty()
                    ? "no agent runs host " + migrate.destinationHostId() + " (inventory never registered it)"
                    : refusal(source, vmId);
            if (refusal != null) {
                return CommandOutcome.answer(answers.log(new AgentCommandRejected(id, migrate.hostId(), vmId, refusal)));
            }
            VmView vm = source.engine().vmView(vmId);
            // live: what it holds now; quick: what its restore there will take
            long needs = passes.quick() ? vm.spec().memory().startupMb() : vm.assignedMb();
            PrepareIncomingMigration prepare = new PrepareIncomingMigration(id + "/prepare",
                    migrate.destinationHostId(), vmId, id, migrate.hostId(), needs, ReplayLog.engineJson(vm.spec()));
            Instant now = Instant.now();
            store.saveRemoteMigration(new RemoteMigration(id, SOURCE, vmId, migrate.hostId(),
                    migrate.destinationHostId(), PREPARING, ReplayLog.json(passes), null, null, type(prepare),
                    json(prepare), false, now, now.plus(prepareTimeout), null));
            return CommandOutcome.send(prepare);
        });
    }

    private static String refusal(EngineHost source, String vmId) {
        if (!source.engine().vmIds().contains(vmId)) {
            return "no VM " + vmId + " on host " + source.spec().hostId();
        }
        VmState state = source.engine().vmView(vmId).state();
        if (state != VmState.RUNNING) {
            return "VM " + vmId + " is " + state + ", not Running";
        }
        return source.engine().migrating(vmId) ? "VM " + vmId + " is migrating already" : null;
    }

    /** The destination's agent answered a step; a repeated or late answer changes nothing. */
    CommandOutcome answered(IncomingMigrationAnswered answer) {
        EngineHost source = hosts.apply(answer.hostId());
        return inHost(source, () -> {
            RemoteMigration m = store.remoteMigration(answer.migrationId(), SOURCE).orElse(null);
            if (m == null) {
                return CommandOutcome.NONE;
            }
            boolean prepare = IncomingMigrationAnswered.PREPARE.equals(answer.step());
            if (prepare && m.phase() == PREPARING) {
                return answer.accepted() ? startPasses(source, m)
                        : abort(source, m, "host " + m.destinationHostId() + " refused the VM: " + answer.reason(),
                        true);
            }
            if (!prepare && m.phase() == HANDING_OFF) {
                if (answer.accepted() && source.engine().atHandOff(m.vmId())) {
                    long waited = m.frozenAt() == null ? 0 : Duration.between(m.frozenAt(), Instant.now()).toMillis();
                    apply(source, new EngineCommand.CompleteMigrationOut(m.vmId(), m.migrationId(), waited));
                    EndIncomingMigration commit = new EndIncomingMigration(m.migrationId() + "/commit",
                            m.destinationHostId(), m.vmId(), m.migrationId(), m.sourceHostId(),
                            EndIncomingMigration.COMMIT, null);
                    store.saveRemoteMigration(decided(m, COMMITTED, null, commit));
                    return CommandOutcome.send(commit);
                }
                String why = answer.accepted() ? "the live migration ended before the hand-off"
                        : "host " + m.destinationHostId() + " refused the VM at the hand-off (" + answer.reason() + ")";
                return abort(source, m, why + "; it runs on " + m.sourceHostId(), true);
            }
            return CommandOutcome.NONE;
        });
    }

    private CommandOutcome startPasses(EngineHost source, RemoteMigration m) {
        EngineCommand.Migrate passes = (EngineCommand.Migrate) ReplayLog.command(m.passes());
        Optional<AgentAnswer> answer;
        try {
            answer = source.apply(passes);
        } catch (CommandRejected e) {
            return abort(source, m, e.getMessage(), true);
        }
        replayLog.record(source, passes);
        store.saveRemoteMigration(new RemoteMigration(m.migrationId(), SOURCE, m.vmId(), m.sourceHostId(),
                m.destinationHostId(), MIGRATING, m.passes(), null, null, null, null, false, null, null, null));
        return new CommandOutcome(answer.map(answers::log), List.of());
    }

    /** The VM is frozen at the blackout: its state goes to the destination's agent. */
    CommandOutcome handOff(EngineHost.HandOff handOff) {
        EngineHost source = hosts.apply(handOff.sourceHostId());
        return inHost(source, () -> {
            RemoteMigration m = store.remoteMigration(handOff.commandId(), SOURCE).orElse(null);
            if (m == null || m.phase() != MIGRATING) {
                // a replay that reached the blackout again: asked already, or decided
                return m != null && m.phase() == HANDING_OFF ? CommandOutcome.send(request(m)) : CommandOutcome.NONE;
            }
            HandOffMigration message = new HandOffMigration(m.migrationId() + "/hand-off", m.destinationHostId(),
                    m.vmId(), m.migrationId(), m.sourceHostId(), ReplayLog.engineJson(handOff.vm()));
            Instant now = Instant.now();
            store.saveRemoteMigration(new RemoteMigration(m.migrationId(), SOURCE, m.vmId(), m.sourceHostId(),
                    m.destinationHostId(), HANDING_OFF, m.passes(), null, null, type(message), json(message), false,
                    now, now.plus(handOffTimeout), now));
            return CommandOutcome.send(message);
        });
    }

    /**
     * The source's engine ended the migration otherwise (did not converge, cancelled, a power command, a cut
     * network): the destination lets go. The engine answered the migrate command unless the VM was at the
     * hand-off (the command stopped waiting there), in which case it is answered here.
     */
    CommandOutcome endedAtSource(String sourceHostId, EngineHost.Release release) {
        EngineHost source = hosts.apply(sourceHostId);
        return inHost(source, () -> store.openRemoteMigrationOut(sourceHostId, release.vmId())
                .map(m -> abort(source, m, "the live migration ended on " + sourceHostId + ": " + release.reason(),
                        m.phase() == HANDING_OFF))
                .orElse(CommandOutcome.NONE));
    }

    /** Questions not answered in time are asked again or given up; decisions go out until they are on the topic. */
    List<CommandOutcome> due(Collection<String> sourceHostIds, Instant now) {
        List<CommandOutcome> steps = new ArrayList<>();
        List<RemoteMigration> open = QuarkusTransaction.requiringNew().call(() ->
                store.remoteMigrationsDue(List.copyOf(sourceHostIds)));
        for (RemoteMigration m : open) {
            switch (m.due(now, resendEvery)) {
                case RESEND, SEND_DECISION -> steps.add(CommandOutcome.send(request(m)));
                case GIVE_UP -> steps.add(giveUp(m));
                case NOTHING -> {
                }
            }
        }
        return steps;
    }

    private CommandOutcome giveUp(RemoteMigration seen) {
        EngineHost source = hosts.apply(seen.sourceHostId());
        return inHost(source, () -> {
            RemoteMigration m = store.remoteMigration(seen.migrationId(), SOURCE).orElseThrow();
            if (m.phase() != seen.phase()) {
                return CommandOutcome.NONE; // answered meanwhile
            }
            Duration waited = m.phase() == PREPARING ? prepareTimeout : handOffTimeout;
            return abort(source, m, "the agent of host " + m.destinationHostId() + " did not answer within "
                    + waited.toSeconds() + " s; the VM runs on " + m.sourceHostId(), true);
        });
    }

    /** The decision: the VM runs on here, the destination lets go of what it holds; {@code answer} the command. */
    private CommandOutcome abort(EngineHost source, RemoteMigration m, String why, boolean answer) {
        if (source.engine().atHandOff(m.vmId())) {
            apply(source, new EngineCommand.AbortMigration(m.vmId(), why)); // the guest runs on
        }
        EndIncomingMigration abort = new EndIncomingMigration(m.migrationId() + "/abort", m.destinationHostId(),
                m.vmId(), m.migrationId(), m.sourceHostId(), EndIncomingMigration.ABORT, why);
        store.saveRemoteMigration(decided(m, ABORTED, why, abort));
        Optional<AgentAnswer> rejected = answer ? Optional.of(answers.log(new AgentCommandRejected(m.migrationId(),
                m.sourceHostId(), m.vmId(), why))) : Optional.empty();
        return new CommandOutcome(rejected, List.of(abort));
    }

    private static RemoteMigration decided(RemoteMigration m, RemoteMigration.Phase phase, String why,
                                           EndIncomingMigration end) {
        return new RemoteMigration(m.migrationId(), SOURCE, m.vmId(), m.sourceHostId(), m.destinationHostId(), phase,
                m.passes(), null, why, type(end), json(end), true, null, null, m.frozenAt());
    }

    /** A message to the other agent is on the topic: a decision is sent, a question is asked again later. */
    void sent(AgentCommand message, Instant at) {
        String phase;
        String migrationId;
        if (message instanceof PrepareIncomingMigration p) {
            migrationId = p.migrationId();
            phase = PREPARING.column();
        } else if (message instanceof HandOffMigration h) {
            migrationId = h.migrationId();
            phase = HANDING_OFF.column();
        } else if (message instanceof EndIncomingMigration e) {
            migrationId = e.migrationId();
            phase = (EndIncomingMigration.COMMIT.equals(e.outcome()) ? COMMITTED : ABORTED).column();
        } else {
            return; // the destination's answers are not kept
        }
        QuarkusTransaction.requiringNew().run(() -> store.remoteRequestSent(migrationId, phase, at));
    }

    // ---- the destination's side --------------------------------------------------------------------------------

    /** Holds the memory, or refuses with the engine's reason; asked again, answers as before. */
    CommandOutcome prepareIn(PrepareIncomingMigration prepare) {
        EngineHost destination = hosts.apply(prepare.hostId());
        return inHost(destination, () -> {
            Optional<RemoteMigration> known = store.remoteMigration(prepare.migrationId(), DESTINATION);
            if (known.isPresent()) {
                return CommandOutcome.send(answer(known.get(), IncomingMigrationAnswered.PREPARE, known.get().refusalOnRepeat()));
            }
            RemoteMigration m = new RemoteMigration(prepare.migrationId(), DESTINATION, prepare.vmId(),
                    prepare.sourceHostId(), prepare.hostId(), RESERVED, null, null, null, null, null, false, null, null,
                    null);
            String refusal = null;
            try {
                VmSpec spec = ReplayLog.engineValue(prepare.vmSpec(), VmSpec.class);
                apply(destination, new EngineCommand.ReserveIncoming(prepare.vmId(), spec, prepare.memoryMb(),
                        prepare.migrationId()));
            } catch (CommandRejected e) {
                refusal = e.getMessage();
                m = withPhase(m, REFUSED, refusal, null);
            }
            store.saveRemoteMigration(m);
            return CommandOutcome.send(answer(m, IncomingMigrationAnswered.PREPARE, refusal));
        });
    }

    /** Holds the VM's state at the blackout (and the memory it holds now) without running it, or refuses. */
    CommandOutcome handOffIn(HandOffMigration handOff) {
        EngineHost destination = hosts.apply(handOff.hostId());
        return inHost(destination, () -> {
            RemoteMigration m = store.remoteMigration(handOff.migrationId(), DESTINATION).orElse(null);
            if (m == null) {
                return CommandOutcome.send(new IncomingMigrationAnswered(handOff.migrationId() + "/hand-off/answer",
                        handOff.sourceHostId(), handOff.vmId(), handOff.migrationId(), handOff.hostId(),
                        IncomingMigrationAnswered.HAND_OFF, false, "host " + handOff.hostId()
                        + " holds nothing for this migration"));
            }
            if (m.phase() != RESERVED) {
                return CommandOutcome.send(answer(m, IncomingMigrationAnswered.HAND_OFF, m.refusalOnRepeat()));
            }
            try {
                apply(destination, new EngineCommand.HoldForHandOff(ReplayLog.engineValue(handOff.vmState(),
                        MigratedVm.class)));
                m = withPhase(m, ACCEPTED, null, handOff.vmState());
            } catch (CommandRejected e) {
                release(destination, m.vmId());
                m = withPhase(m, RELEASED, e.getMessage(), null);
            }
            store.saveRemoteMigration(m);
            return CommandOutcome.send(answer(m, IncomingMigrationAnswered.HAND_OFF,
                    m.phase() == ACCEPTED ? null : m.reason()));
        });
    }

    /** Follows the decision: starts the VM and answers the migrate command, or lets go of what it holds. */
    CommandOutcome endIn(EndIncomingMigration end) {
        EngineHost destination = hosts.apply(end.hostId());
        return inHost(destination, () -> {
            RemoteMigration m = store.remoteMigration(end.migrationId(), DESTINATION).orElse(null);
            if (!EndIncomingMigration.COMMIT.equals(end.outcome())) {
                if (m == null) { // never asked (or not yet): a late question is refused
                    m = new RemoteMigration(end.migrationId(), DESTINATION, end.vmId(), end.sourceHostId(),
                            end.hostId(), RELEASED, null, null, end.reason(), null, null, false, null, null, null);
                    store.saveRemoteMigration(m);
                } else if (m.phase() == RESERVED || m.phase() == ACCEPTED) {
                    release(destination, m.vmId());
                    store.saveRemoteMigration(withPhase(m, RELEASED, end.reason(), null));
                }
                return CommandOutcome.NONE;
            }
            if (m != null && m.phase() == STARTED) {
                return answers.answerFor(m.migrationId()).map(CommandOutcome::answer).orElse(CommandOutcome.NONE);
            }
            if (m == null || m.phase() != ACCEPTED) {
                LOG.errorf("migration %s: commit for VM %s, which host %s does not hold (%s)", end.migrationId(),
                        end.vmId(), end.hostId(), m == null ? "never asked" : m.phase());
                return CommandOutcome.NONE;
            }
            try {
                apply(destination, new EngineCommand.AcceptIn(ReplayLog.engineValue(m.vmState(), MigratedVm.class),
                        m.migrationId()));
            } catch (CommandRejected e) { // it lost its reservation with a power loss after accepting
                store.saveRemoteMigration(withPhase(m, RELEASED, e.getMessage(), null));
                LOG.errorf("migration %s: host %s could not start VM %s after its source let go: %s",
                        m.migrationId(), end.hostId(), m.vmId(), e.getMessage());
                return CommandOutcome.answer(answers.log(new AgentCommandRejected(m.migrationId(), m.sourceHostId(), m.vmId(),
                        "host " + end.hostId() + " could not start the VM after its source let go: "
                                + e.getMessage())));
            }
            store.saveRemoteMigration(withPhase(m, STARTED, null, m.vmState()));
            return CommandOutcome.answer(answers.log(new AgentCommandCompleted(m.migrationId(), m.sourceHostId(), m.vmId(),
                    Instant.now())));
        });
    }

    private void release(EngineHost destination, String vmId) {
        if (destination.engine().holdsReservation(vmId)) {
            apply(destination, new EngineCommand.ReleaseIncoming(vmId));
        }
    }

    private static RemoteMigration withPhase(RemoteMigration m, RemoteMigration.Phase phase, String reason,
                                             String vmState) {
        return new RemoteMigration(m.migrationId(), DESTINATION, m.vmId(), m.sourceHostId(), m.destinationHostId(),
                phase, null, vmState, reason, null, null, false, null, null, null);
    }

    private static IncomingMigrationAnswered answer(RemoteMigration m, String step, String refusal) {
        return new IncomingMigrationAnswered(m.migrationId() + "/" + step + "/answer", m.sourceHostId(), m.vmId(),
                m.migrationId(), m.destinationHostId(), step, refusal == null, refusal);
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    private void apply(EngineHost host, EngineCommand command) {
        host.apply(command);
        replayLog.record(host, command);
    }

    /** Runs {@code work} in a new transaction holding the host's lock; a failed commit has the host rebuilt. */
    private <T> T inHost(EngineHost host, Supplier<T> work) {
        synchronized (host) {
            rebuildIfStale.accept(host);
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
            } catch (RuntimeException e) {
                host.markStale();
                throw e;
            }
        }
    }

    private static String type(AgentCommand message) {
        return EventCatalog.forClass(message.getClass()).map(MessageType::ceType).orElseThrow();
    }

    private static String json(AgentCommand message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AgentCommand request(RemoteMigration m) {
        try {
            MessageType type = EventCatalog.forType(m.requestType()).orElseThrow();
            return (AgentCommand) JSON.readValue(m.request(), type.recordClass());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
