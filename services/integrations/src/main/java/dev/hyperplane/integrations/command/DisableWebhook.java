package dev.hyperplane.integrations.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The dispatcher's word: the endpoint said 410 Gone, or has accepted nothing for too long. */
public record DisableWebhook(@TargetAggregateIdentifier String webhookId, String reason) {
}
