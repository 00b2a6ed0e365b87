package dev.hyperplane.integrations.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** @param tenantId null for a fleet admin's subscription */
public record CreateWebhook(@TargetAggregateIdentifier String webhookId, String tenantId, String url,
                            List<String> eventTypes, boolean active, String createdBy) {
}
