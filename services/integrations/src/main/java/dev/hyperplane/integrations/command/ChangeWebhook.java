package dev.hyperplane.integrations.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** The subscription as it is to be; the same as it is changes nothing. */
public record ChangeWebhook(@TargetAggregateIdentifier String webhookId, String url, List<String> eventTypes,
                            boolean active, String changedBy) {
}
