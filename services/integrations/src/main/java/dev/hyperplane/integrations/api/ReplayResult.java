package dev.hyperplane.integrations.api;

/** @param queued how many events are queued again for the subscription, in their order, with their ids */
public record ReplayResult(int queued) {
}
