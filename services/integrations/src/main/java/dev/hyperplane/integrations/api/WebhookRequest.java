package dev.hyperplane.integrations.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A subscription to create, or (PATCH) the fields to change; fields left out keep their value.
 *
 * @param tenantId a fleet admin's subscription for a tenant; left out, a fleet admin subscribes to the fleet's
 *                 events and a tenant's caller to its own tenant's
 */
public record WebhookRequest(
        @Schema(description = "The endpoint deliveries are posted to: https, a public address",
                examples = "https://hooks.acme.example/hyperplane") String url,
        @Schema(description = "CloudEvents types, exact or prefixes ending in .*",
                examples = "[\"dev.hyperplane.vm.*\"]") List<String> eventTypes,
        @Schema(description = "Whether deliveries go out (default true); activating again resumes a disabled "
                + "subscription") Boolean active,
        @Schema(description = "Fleet admins: the tenant the subscription is for; none, the fleet's events")
        String tenantId) {
}
