package io.prodsupport.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.prodsupport.testing.MinimalConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's cookie is Secure whenever people reach the service over HTTPS, its own TLS or a proxy's. */
class SecureCookiesTest {

    private static Wiring wiring(String webhookYaml) {
        return new Wiring(ConfigLoaders.withTemplateSections(Map.of("JIRA_API_TOKEN", "t", "HOOK_SECRET", "s"))
                .parse(
                        MinimalConfig.YAML.replace(
                                "  secrets: [\"${HOOK_SECRET}\"]\n", "  secrets: [\"${HOOK_SECRET}\"]\n" + webhookYaml),
                        "prodsupport.yml"));
    }

    @Test
    void behind_a_proxy_that_ends_tls_the_public_url_says_https() {
        assertThat(wiring("  publicUrl: https://prodsupport.example.com/webhook/jira\n")
                        .secureCookies())
                .isTrue();
        assertThat(wiring("  publicUrl: HTTPS://prodsupport.example.com/hooks\n")
                        .secureCookies())
                .isTrue();
    }

    @Test
    void plain_http_everywhere_is_not_secure() {
        assertThat(wiring("  publicUrl: http://10.0.0.5:8080/webhook/jira\n").secureCookies())
                .isFalse();
        assertThat(wiring("").secureCookies()).isFalse();
    }

    @Test
    void the_services_own_tls_is_secure() {
        assertThat(wiring("  tls:\n    certFile: /etc/prodsupport/cert.pem\n    keyFile: /etc/prodsupport/key.pem\n")
                        .secureCookies())
                .isTrue();
    }
}
