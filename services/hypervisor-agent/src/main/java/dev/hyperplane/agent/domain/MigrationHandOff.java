package dev.hyperplane.agent.domain;

import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.hyperv.CommandRejected;
import dev.hyperplane.hyperv.VmView;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A live migration between two hosts of this agent, reserve first: the destination reserves the VM's memory and
 * the source starts in one transaction; at the blackout the destination accepts the VM into its reservation and
 * the source lets go of it in one transaction. A destination that refuses at the hand-off (it lost power and its
 * reservation with it) leaves the VM running on its source. Each step holds both hosts' locks, taken in host id
 * order so that two migrations in opposite directions cannot deadlock, and logs what it did to each host for
 * replay; if a transaction fails, both hosts are rebuilt from their logs.
 */
final class MigrationHandOff {
    private final String agentId;
    private final Function<String, EngineHost> hosts;
    private final Consumer<EngineHost> rebuildIfStale;
    private final ReplayLog replayLog;
    private final AnswerLog answers;

    MigrationHandOff(String agentId, Function<String, EngineHost> hosts, Consumer<EngineHost> rebuildIfStale,
                     ReplayLog replayLog, AnswerLog answers) {
        this.agentId = agentId;
        this.hosts = hosts;
        this.rebuildIfStale = rebuildIfStale;
        this.replayLog = replayLog;
        this.answers = answers;
    }

    /**
     * The first half: the destination reserves, then the source starts the passes.
     *
     * @return the answer when there is one at once (a refusal, or the logged answer of a redelivery)
     */
    Optional<AgentAnswer> start(MigrateVmOnHost migrate, EngineCommand.Migrate passes) {
        EngineHost source = hosts.apply(migrate.hostId());
        EngineHost destination = hosts.apply(migrate.destinationHostId());
        String vmId = migrate.vmId();
        if (destination == null || destination == source) {
            String why = destination == null
                    ? "host " + migrate.destinationHostId() + " is not run by agent " + agentId
                    + "; an out-of-band move stays on one agent"
                    : "VM " + vmId + " already runs on " + migrate.hostId();
            return inBoth(source, source, () -> Optional.of(answers.answerFor(migrate.commandId()).orElseGet(() ->
                    answers.log(new AgentCommandRejected(migrate.commandId(), migrate.hostId(), vmId, why)))));
        }
        return inBoth(source, destination, () -> {
            Optional<AgentAnswer> logged = answers.answerFor(migrate.commandId());
            if (logged.isPresent()) {
                return logged;
            }
            if (source.awaits(vmId, migrate.commandId())) {
                return Optional.empty(); // redelivered while it runs
            }
            try {
                if (!source.engine().vmIds().contains(vmId)) {
                    throw new CommandRejected("no VM " + vmId + " on host " + migrate.hostId());
                }
                VmView vm = source.engine().vmView(vmId);
                // live: what it holds now; quick: what its restore there will take
                long needs = passes.quick() ? vm.spec().memory().startupMb() : vm.assignedMb();
                EngineCommand reserve = new EngineCommand.ReserveIncoming(vmId, vm.spec(), needs, migrate.commandId());
                destination.apply(reserve);
                replayLog.record(destination, reserve);
                Optional<AgentAnswer> answer;
                try {
                    answer = source.apply(passes);
                } catch (CommandRejected e) {
                    apply(destination, new EngineCommand.ReleaseIncoming(vmId));
                    throw e;
                }
                replayLog.record(source, passes);
                return answer.map(answers::log);
            } catch (CommandRejected e) {
                return Optional.of(answers.log(new AgentCommandRejected(migrate.commandId(), migrate.hostId(), vmId,
                        e.getMessage())));
            }
        });
    }

    /**
     * The second half, at the blackout: the destination accepts the VM, then the source lets go of it; or, should
     * the destination refuse, the source runs it on. Logged with the answer: a replay that produces the hand-off
     * again finds it done.
     *
     * @return the migrate command's answer
     */
    AgentAnswer complete(EngineHost.HandOff handOff) {
        EngineHost source = hosts.apply(handOff.sourceHostId());
        EngineHost destination = hosts.apply(handOff.destinationHostId());
        String vmId = handOff.vm().vmId();
        return inBoth(source, destination, () -> {
            Optional<AgentAnswer> done = answers.answerFor(handOff.commandId());
            if (done.isPresent()) {
                return done.get();
            }
            if (!source.engine().atHandOff(vmId)) { // stopped or cancelled after the blackout began
                apply(destination, new EngineCommand.ReleaseIncoming(vmId));
                return answers.log(new AgentCommandRejected(handOff.commandId(), handOff.sourceHostId(), vmId,
                        "the live migration ended before the hand-off; the VM stays on " + handOff.sourceHostId()));
            }
            try {
                apply(destination, new EngineCommand.AcceptIn(handOff.vm(), handOff.commandId()));
            } catch (CommandRejected e) {
                String why = "host " + handOff.destinationHostId() + " refused the VM at the hand-off ("
                        + e.getMessage() + "); it runs on " + handOff.sourceHostId();
                apply(source, new EngineCommand.AbortMigration(vmId, why));
                apply(destination, new EngineCommand.ReleaseIncoming(vmId));
                return answers.log(new AgentCommandRejected(handOff.commandId(), handOff.sourceHostId(), vmId, why));
            }
            apply(source, new EngineCommand.CompleteMigrationOut(vmId, handOff.commandId()));
            return answers.log(new AgentCommandCompleted(handOff.commandId(), handOff.sourceHostId(), vmId,
                    Instant.now()));
        });
    }

    /** A migration that ended otherwise: the destination lets go of its reservation (nothing if it holds none). */
    void release(EngineHost.Release release) {
        EngineHost destination = hosts.apply(release.destinationHostId());
        if (destination == null) {
            return;
        }
        inBoth(destination, destination, () -> {
            if (destination.engine().holdsReservation(release.vmId())) {
                apply(destination, new EngineCommand.ReleaseIncoming(release.vmId()));
            }
            return null;
        });
    }

    private void apply(EngineHost host, EngineCommand command) {
        host.apply(command);
        replayLog.record(host, command);
    }

    /** Runs {@code work} in a new transaction holding both hosts' locks, taken in host id order. */
    private <T> T inBoth(EngineHost a, EngineHost b, Supplier<T> work) {
        boolean aFirst = a.spec().hostId().compareTo(b.spec().hostId()) <= 0;
        EngineHost first = aFirst ? a : b;
        EngineHost second = aFirst ? b : a;
        synchronized (first) {
            synchronized (second) {
                rebuildIfStale.accept(first);
                rebuildIfStale.accept(second);
                try {
                    return QuarkusTransaction.requiringNew().call(work::get);
                } catch (RuntimeException e) {
                    first.markStale(); // either may hold a change whose log row rolled back
                    second.markStale();
                    throw e;
                }
            }
        }
    }
}
