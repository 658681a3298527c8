package io.prodsupport.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] HELLO = "Hello World!".getBytes(StandardCharsets.UTF_8);
    private static final String OFFICIAL = "sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9";

    @Test
    void signing_matches_atlassians_published_vector() {
        assertThat(WebhookSignature.sign("It's a Secret to Everybody", HELLO)).isEqualTo(OFFICIAL);
    }

    @Test
    void the_published_vector_verifies_and_a_changed_body_does_not() {
        assertThat(WebhookSignature.verify(OFFICIAL, HELLO, List.of("It's a Secret to Everybody")))
                .isTrue();
        assertThat(WebhookSignature.verify(
                        OFFICIAL,
                        "Hello World?".getBytes(StandardCharsets.UTF_8),
                        List.of("It's a Secret to Everybody")))
                .isFalse();
    }

    @Test
    void any_of_the_rotation_secrets_verifies() {
        assertThat(WebhookSignature.verify(OFFICIAL, HELLO, List.of("new secret", "It's a Secret to Everybody")))
                .isTrue();
        assertThat(WebhookSignature.verify(OFFICIAL, HELLO, List.of("new secret")))
                .isFalse();
    }

    @Test
    void the_method_prefix_is_parsed_case_insensitively_and_hex_in_either_case() {
        assertThat(WebhookSignature.verify(OFFICIAL.toUpperCase(), HELLO, List.of("It's a Secret to Everybody")))
                .isTrue();
    }

    @Test
    void malformed_headers_never_verify() {
        List<String> secrets = List.of("It's a Secret to Everybody");
        assertThat(WebhookSignature.verify(null, HELLO, secrets)).isFalse();
        assertThat(WebhookSignature.verify("", HELLO, secrets)).isFalse();
        assertThat(WebhookSignature.verify("a4771c39fbe90f31", HELLO, secrets)).isFalse();
        assertThat(WebhookSignature.verify("md5=a4771c39", HELLO, secrets)).isFalse();
        assertThat(WebhookSignature.verify("sha256=zz", HELLO, secrets)).isFalse();
        assertThat(WebhookSignature.verify(OFFICIAL, HELLO, List.of())).isFalse();
    }
}
