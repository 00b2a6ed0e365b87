package dev.hyperplane.agent.domain;

import dev.hyperplane.events.agent.AgentAnswer;
import dev.hyperplane.events.agent.AgentCommand;

import java.util.List;
import java.util.Optional;

/**
 * What applying a command produced, once committed: the answer to send now if there is one (already logged), and
 * the messages for other agents' hosts (the steps of a migration between agents), to publish after the commit.
 */
public record CommandOutcome(Optional<AgentAnswer> answer, List<AgentCommand> send) {
    public static final CommandOutcome NONE = new CommandOutcome(Optional.empty(), List.of());

    public static CommandOutcome answer(AgentAnswer answer) {
        return new CommandOutcome(Optional.of(answer), List.of());
    }

    public static CommandOutcome send(AgentCommand message) {
        return new CommandOutcome(Optional.empty(), List.of(message));
    }

    static CommandOutcome of(Optional<AgentAnswer> answer) {
        return new CommandOutcome(answer, List.of());
    }
}
