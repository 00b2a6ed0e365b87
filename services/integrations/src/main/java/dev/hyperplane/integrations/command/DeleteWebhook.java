package dev.hyperplane.integrations.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteWebhook(@TargetAggregateIdentifier String webhookId, String deletedBy) {
}
