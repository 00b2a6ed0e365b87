package dev.hyperplane.integrations.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;

/** @param overlap how long the previous secret still signs */
public record RotateWebhookSecret(@TargetAggregateIdentifier String webhookId, Duration overlap, String rotatedBy) {
}
