package dev.hyperplane.integrations.api;

import dev.hyperplane.integrations.query.WebhookView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subscription with its new signing secret: shown this once, never again. */
public record WebhookSecretView(
        WebhookView webhook,
        @Schema(description = "The signing secret (Standard Webhooks: whsec_ and base64). Keep it: it is not shown "
                + "again", examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
}
