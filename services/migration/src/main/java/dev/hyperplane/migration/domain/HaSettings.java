package dev.hyperplane.migration.domain;

import java.time.Duration;

/**
 * How HA waits and retries, from configuration ({@code hyperplane.migration.ha.*}).
 *
 * @param fenceAnswerTimeout    how long a fence may go unanswered before it is sent again
 * @param fenceRetryInterval    how often a fence that failed (the management controller did not answer) is tried
 *                              again, since the controller may be repaired meanwhile
 * @param agentSilentAlertAfter how long a fence may go unanswered (the host's agent is down: nothing can fence the
 *                              host) before an operator is alerted
 * @param restartAttempts       how many times a VM is asked to be restarted before it is reported not restarted
 * @param restartRetryDelay     the wait before asking again after a refusal (capacity may free up)
 * @param restartTimeout        how long one attempt may go unanswered before it counts as failed
 */
public record HaSettings(Duration fenceAnswerTimeout, Duration fenceRetryInterval, Duration agentSilentAlertAfter,
                         int restartAttempts, Duration restartRetryDelay, Duration restartTimeout) {
}
