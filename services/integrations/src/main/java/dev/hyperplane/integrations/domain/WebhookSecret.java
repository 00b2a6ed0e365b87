package dev.hyperplane.integrations.domain;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A subscription's signing key, written as Standard Webhooks does: {@code whsec_} and the key's bytes in base64. The
 * service generates it (24 random bytes, within the specification's 24 to 64) and shows it once.
 */
public final class WebhookSecret {
    private static final String PREFIX = "whsec_";
    private static final int BYTES = 24;

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key.clone();
    }

    public static WebhookSecret generate(SecureRandom random) {
        byte[] key = new byte[BYTES];
        random.nextBytes(key);
        return new WebhookSecret(key);
    }

    /** @throws IllegalArgumentException for anything but {@code whsec_} and base64 of 24 to 64 bytes */
    public static WebhookSecret parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is " + PREFIX + " and base64", e);
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("a webhook secret holds 24 to 64 bytes, not " + key.length);
        }
        return new WebhookSecret(key);
    }

    byte[] key() {
        return key.clone();
    }

    /** The form shown to the subscriber once, and kept (encrypted) by the service. */
    public String text() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret s && Arrays.equals(key, s.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Never the key: secrets do not end up in logs. */
    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
