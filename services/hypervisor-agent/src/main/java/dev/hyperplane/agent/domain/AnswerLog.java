package dev.hyperplane.agent.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperplane.events.EventCatalog;
import dev.hyperplane.events.EventJson;
import dev.hyperplane.events.MessageType;
import dev.hyperplane.events.agent.AgentAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The answer given to each agent command, by command id, in the caller's transaction: a redelivered command
 * gets the same answer again instead of a second effect.
 */
@ApplicationScoped
public class AnswerLog {
    private static final ObjectMapper JSON = EventJson.newMapper();

    @Inject
    HostStore store;

    public Optional<AgentAnswer> answerFor(String commandId) {
        return store.answerFor(commandId).map(AnswerLog::decode);
    }

    /** Logs the answer (the first one logged for a command id wins) and returns it. */
    public AgentAnswer log(AgentAnswer answer) {
        store.logAnswer(answer.commandId(), encode(answer));
        return answer;
    }

    private static HostStore.LoggedAnswer encode(AgentAnswer answer) {
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
}
