package dev.hyperplane.integrations.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expected values computed outside Java (Python's hmac); the first is the Standard Webhooks specification's example. */
class WebhookSignatureTest {
    private static final WebhookSecret SPEC = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final WebhookSecret OTHER = WebhookSecret.parse("whsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24=");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "msg_p5jXN8AQM9LWM0D4loKWxJek|1614265330|{\"test\": 2432232314}|v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f|1764756930|{\"specversion\":\"1.0\",\"id\":\"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f\",\"type\":\"dev.hyperplane.vm.started.v1\"}|v1,yEGH4oW8kH1nWEIaS12WXqpdFmiGy5wF7oR+y2Yq91s="})
    void signs_id_timestamp_and_body(String id, long timestamp, String body, String expected) {
        assertThat(WebhookSignature.header(id, timestamp, body.getBytes(StandardCharsets.UTF_8), List.of(SPEC)))
                .isEqualTo(expected);
    }

    @Test
    void during_a_rotation_both_secrets_sign_the_current_first() {
        assertThat(WebhookSignature.header("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8), List.of(OTHER, SPEC)))
                .isEqualTo("v1,H1dghkiigkIfP2+S0A4rDaNYD9ZpZynI1PDk3tSUiqY= "
                        + "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_changed_byte_changes_the_signature() {
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        String signed = WebhookSignature.header("msg_1", 1614265330, body, List.of(SPEC));
        assertThat(WebhookSignature.header("msg_2", 1614265330, body, List.of(SPEC))).isNotEqualTo(signed);
        assertThat(WebhookSignature.header("msg_1", 1614265331, body, List.of(SPEC))).isNotEqualTo(signed);
        body[3] = 'T';
        assertThat(WebhookSignature.header("msg_1", 1614265330, body, List.of(SPEC))).isNotEqualTo(signed);
    }

    @Test
    void a_generated_secret_reads_back_and_never_prints_its_key() {
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        assertThat(secret.text()).startsWith("whsec_").hasSize("whsec_".length() + 32);
        assertThat(WebhookSecret.parse(secret.text())).isEqualTo(secret);
        assertThat(secret.toString()).doesNotContain(secret.text().substring(6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_not base64!", "whsec_c2hvcnQ="})
    void anything_but_whsec_and_24_to_64_bytes_is_refused(String text) {
        assertThatThrownBy(() -> WebhookSecret.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothing_is_signed_without_a_secret() {
        assertThatThrownBy(() -> WebhookSignature.header("m", 1, new byte[0], List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
