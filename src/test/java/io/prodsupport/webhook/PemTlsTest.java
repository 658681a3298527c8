package io.prodsupport.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoredEvent;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.SelfSignedCertificate;
import io.prodsupport.testing.TestData;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webhook.tls}: a self-signed certificate made in the test (BouncyCastle) in PEM files, the service listening
 * over HTTPS with it, and a signed Jira delivery sent over a real TLS connection by a client that trusts only that
 * certificate.
 */
class PemTlsTest {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final String SECRET = "tls-test-secret";

    @TempDir
    Path dir;

    private Inbox inbox;
    private ServiceHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (inbox != null) {
            inbox.close();
        }
    }

    @Test
    void a_signed_delivery_over_https_lands_in_the_inbox_and_plain_http_is_not_served() throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.ec();
        Path cert = tls.writeCertificate(dir.resolve("cert.pem"));
        Path key = tls.writePkcs8Key(dir.resolve("key.pem"));
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        inbox = Stores.open("jdbc:sqlite:" + dir.resolve("inbox.db"), null, null);
        WebhookIntake intake = new WebhookIntake(
                inbox, new JiraEventParser(new ObjectMapper()), List.of(SECRET), false, Optional.empty(), metrics);

        server = new ServiceHttpServer(
                        "127.0.0.1",
                        0,
                        metrics,
                        () -> Map.of(),
                        intake,
                        Optional.of(PemTls.load(cert, key)),
                        Optional.empty())
                .start();

        OkHttpClient https = tls.trustingClient();
        byte[] body = TestData.bytes("webhook-payloads/mattermost-plugin-jira/webhook-issue-created.json");
        try (Response r = https.newCall(new Request.Builder()
                        .url("https://127.0.0.1:" + server.port() + WebhookIntake.PATH)
                        .header("X-Hub-Signature", WebhookSignature.sign(SECRET, body))
                        .header("X-Atlassian-Webhook-Identifier", "tls-1")
                        .post(RequestBody.create(body, JSON))
                        .build())
                .execute()) {
            assertThat(r.code()).isEqualTo(202);
            assertThat(r.handshake().peerCertificates()).containsExactly(tls.certificate());
        }
        StoredEvent stored = inbox.claim("test", Instant.now().plusSeconds(1), Duration.ofMinutes(1), 10)
                .get(0);
        assertThat(stored.deliveryId()).isEqualTo("tls-1");
        try (Response r = https.newCall(new Request.Builder()
                        .url("https://127.0.0.1:" + server.port() + "/health/live")
                        .build())
                .execute()) {
            assertThat(r.code()).isEqualTo(200);
        }

        // the port speaks TLS only: plain HTTP gets a TLS alert (or nothing), never an HTTP answer
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream()
                    .write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(5);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).doesNotStartWith("HTTP/");
        }
    }

    @Test
    void an_rsa_key_in_pkcs1_form_and_a_chain_are_read() {
        SelfSignedCertificate rsa = SelfSignedCertificate.rsa();
        Path cert = rsa.writeCertificate(
                dir.resolve("fullchain.pem"), SelfSignedCertificate.ec().certificate());
        Path key = rsa.writeTraditionalKey(dir.resolve("key.pem"));
        assertThat(key).content().startsWith("-----BEGIN RSA PRIVATE KEY-----");

        PemTls tls = PemTls.load(cert, key);

        assertThat(tls.subject()).isEqualTo(SelfSignedCertificate.SUBJECT);
        assertThat(tls.notAfter()).isEqualTo(rsa.certificate().getNotAfter().toInstant());
    }

    @Test
    void files_made_by_openssl_are_read_an_ec_key_after_its_parameters_included() throws Exception {
        assumeTrue(openssl("version") == 0, "openssl is not installed here");
        Path params = dir.resolve("ec.pem");
        Path cert = dir.resolve("cert.pem");
        // -----BEGIN EC PARAMETERS----- then -----BEGIN EC PRIVATE KEY----- (SEC1), as `ecparam -genkey` writes it
        assertThat(openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", params.toString()))
                .isZero();
        assertThat(openssl(
                        "req",
                        "-new",
                        "-x509",
                        "-key",
                        params.toString(),
                        "-out",
                        cert.toString(),
                        "-days",
                        "1",
                        "-subj",
                        "/CN=openssl.test"))
                .isZero();
        assertThat(params).content().contains("-----BEGIN EC PARAMETERS-----");

        assertThat(PemTls.load(cert, params).subject()).isEqualTo("CN=openssl.test");
    }

    @Test
    void a_key_that_is_not_the_certificates_is_refused_in_one_line() {
        Path cert = SelfSignedCertificate.ec().writeCertificate(dir.resolve("cert.pem"));
        Path otherKey = SelfSignedCertificate.ec().writePkcs8Key(dir.resolve("other.pem"));

        assertThatThrownBy(() -> PemTls.load(cert, otherKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhook.tls.keyFile " + otherKey
                        + " is not the key of the certificate in webhook.tls.certFile " + cert + " ("
                        + SelfSignedCertificate.SUBJECT + ")");
        Path rsaKey = SelfSignedCertificate.rsa().writePkcs8Key(dir.resolve("rsa.pem"));
        assertThatThrownBy(() -> PemTls.load(cert, rsaKey)).hasMessageContaining("is not the key of the certificate");
    }

    @Test
    void missing_empty_and_swapped_files_are_named_with_their_key() throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.ec();
        Path cert = tls.writeCertificate(dir.resolve("cert.pem"));
        Path key = tls.writePkcs8Key(dir.resolve("key.pem"));
        Path missing = dir.resolve("nope.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");

        assertThatThrownBy(() -> PemTls.load(missing, key))
                .hasMessage("webhook.tls.certFile " + missing + ": no such file");
        assertThatThrownBy(() -> PemTls.load(cert, missing))
                .hasMessage("webhook.tls.keyFile " + missing + ": no such file");
        assertThatThrownBy(() -> PemTls.load(empty, key))
                .hasMessage("webhook.tls.certFile " + empty
                        + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> PemTls.load(key, cert))
                .hasMessage("webhook.tls.certFile " + key
                        + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> PemTls.load(cert, cert))
                .hasMessageStartingWith("webhook.tls.keyFile " + cert + ": no private key in it");
    }

    private int openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile())
                    .start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1; // not installed
        }
    }
}
