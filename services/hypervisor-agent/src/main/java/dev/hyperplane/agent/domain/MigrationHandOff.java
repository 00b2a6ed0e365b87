package dev.hyperplane.agent.domain;

import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommandCompleted;
import dev.hyperplane.events.agent.AgentCommandRejected;
import dev.hyperplane.events.agent.MigrateVmOnHost;
import dev.hyperplane.hyperv.CommandRejected;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * A live migration between two hosts of this agent: the destination is checked before the source starts, and
 * when the VM has left its source the destination accepts it, or, should it have no room any more, the source
 * takes it back (its memory was just released), so the VM is never lost.
 */
final class MigrationHandOff {
    private final String agentId;
    private final Function<String, EngineHost> hosts;
    private final ReplayLog replayLog;
    private final AnswerLog answers;

    MigrationHandOff(String agentId, Function<String, EngineHost> hosts, ReplayLog replayLog, AnswerLog answers) {
        this.agentId = agentId;
        this.hosts = hosts;
        this.replayLog = replayLog;
        this.answers = answers;
    }

    /**
     * The destination must be another host of this agent (the hand-off of a running VM happens in this process)
     * with room for the VM's memory now; a destination that filled up meanwhile is handled at the hand-off.
     */
    void requireRoomFor(MigrateVmOnHost migrate) {
        EngineHost destination = hosts.apply(migrate.destinationHostId());
        if (destination == null) {
            throw new CommandRejected("host " + migrate.destinationHostId() + " is not run by agent " + agentId
                    + "; live migration needs both hosts on the same agent");
        }
        if (migrate.destinationHostId().equals(migrate.hostId())) {
            throw new CommandRejected("VM " + migrate.vmId() + " already runs on " + migrate.hostId());
        }
        long needs = hosts.apply(migrate.hostId()).engine().vmView(migrate.vmId()).assignedMb();
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
     * The second half: the destination accepts the VM that left its source. The answer is logged in the same
     * transaction as the accept: a replay that produces the hand-off again finds it done.
     *
     * @return the migrate command's answer
     */
    AgentAnswer complete(EngineHost.HandOff handOff) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<AgentAnswer> done = answers.answerFor(handOff.commandId());
            if (done.isPresent()) {
                return done.get();
            }
            String vmId = handOff.vm().vmId();
            try {
                accept(handOff.destinationHostId(), handOff);
                return answers.log(new AgentCommandCompleted(handOff.commandId(), handOff.sourceHostId(), vmId,
                        Instant.now()));
            } catch (CommandRejected e) {
                accept(handOff.sourceHostId(), handOff);
                return answers.log(new AgentCommandRejected(handOff.commandId(), handOff.sourceHostId(), vmId,
                        "host " + handOff.destinationHostId() + " refused the VM at the hand-off (" + e.getMessage()
                                + "); it runs on " + handOff.sourceHostId() + " again"));
            }
        });
    }

    private void accept(String hostId, EngineHost.HandOff handOff) {
        EngineHost host = hosts.apply(hostId);
        synchronized (host) {
            EngineCommand accept = new EngineCommand.AcceptIn(handOff.vm(), handOff.commandId());
            host.apply(accept);
            replayLog.record(host, accept);
        }
    }
}
