package dev.hyperplane.integrations.api;

/**
 * What a test delivery got back.
 *
 * @param status the HTTP status; null when no answer came
 * @param error  why it was not accepted
 */
public record PingResult(boolean delivered, Integer status, long latencyMs, String error) {
}
