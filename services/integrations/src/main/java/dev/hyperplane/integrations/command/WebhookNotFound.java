package dev.hyperplane.integrations.command;

/** The subscription was deleted (or never existed): the API answers 404. */
public class WebhookNotFound extends RuntimeException {
    public WebhookNotFound(String webhookId) {
        super("no webhook " + webhookId);
    }
}
