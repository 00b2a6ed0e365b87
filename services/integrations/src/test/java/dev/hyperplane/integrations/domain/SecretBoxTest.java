package dev.hyperplane.integrations.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {
    private static final String KEY = "q0Vb8TfDxS1m3y9Kc4Zr7Lw2Hn6Pj5Ge0Ua8Ri1Oy3E=";
    private static final String OTHER_KEY = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=";
    private final SecretBox box = new SecretBox(KEY, new SecureRandom());

    @Test
    void a_sealed_secret_opens_for_its_subscription_only_and_never_shows_in_the_clear() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String sealed = box.seal(secret, "sub-1");
        assertThat(sealed).startsWith("v1:").doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(box.open(sealed, "sub-1")).isEqualTo(secret);
        assertThat(box.seal(secret, "sub-1")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> box.open(sealed, "sub-2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(OTHER_KEY, new SecureRandom()).open(sealed, "sub-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_altered_ciphertext_does_not_open() {
        String sealed = box.seal("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "sub-1");
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> box.open(new String(chars), "sub-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "c2hvcnQ="})
    void a_key_that_is_not_32_bytes_of_base64_is_refused_at_start(String key) {
        assertThatThrownBy(() -> new SecretBox(key, new SecureRandom())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secrets key");
    }
}
