package dev.hyperplane.agent.domain;

import java.util.List;

/** For tests: what a simulation step does once Kafka acknowledged everything a host reported. */
final class Acknowledge {

    private Acknowledge() {
    }

    /** @return the last event number acknowledged, 0 if there was none */
    static long all(EngineHost host) {
        List<EngineHost.Outgoing> events = host.unpublished();
        long last = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
        host.published(last);
        host.answersSent(host.unsentAnswers());
        return last;
    }
}
