package io.prodsupport.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prodsupport.inbox.Inbox;
import io.prodsupport.inbox.StoredEvent;
import io.prodsupport.store.Stores;
import io.prodsupport.testing.TestData;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webhook.tls}: a self-signed certificate made here (BouncyCastle) in PEM files, the service listening over
 * HTTPS with it, and a signed Jira delivery sent over a real TLS connection by a client that trusts only that
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
        KeyPair pair = keyPair("EC", 256);
        X509Certificate certificate = selfSigned(pair, "SHA256withECDSA");
        Path cert = pem("cert.pem", certificate);
        Path key = pem("key.pem", new JcaPKCS8Generator(pair.getPrivate(), null)); // -----BEGIN PRIVATE KEY-----
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        inbox = Stores.open("jdbc:sqlite:" + dir.resolve("inbox.db"), null, null);
        WebhookIntake intake = new WebhookIntake(
                inbox, new JiraEventParser(new ObjectMapper()), List.of(SECRET), false, Optional.empty(), metrics);

        server = new ServiceHttpServer(
                        "127.0.0.1", 0, metrics, () -> Map.of(), intake, Optional.of(PemTls.load(cert, key)))
                .start();

        OkHttpClient https = trusting(certificate);
        byte[] body = TestData.bytes("webhook-payloads/mattermost-plugin-jira/webhook-issue-created.json");
        try (Response r = https.newCall(new Request.Builder()
                        .url("https://127.0.0.1:" + server.port() + WebhookIntake.PATH)
                        .header("X-Hub-Signature", WebhookSignature.sign(SECRET, body))
                        .header("X-Atlassian-Webhook-Identifier", "tls-1")
                        .post(RequestBody.create(body, JSON))
                        .build())
                .execute()) {
            assertThat(r.code()).isEqualTo(202);
            assertThat(r.handshake()).isNotNull();
            assertThat(r.handshake().peerCertificates()).containsExactly(certificate);
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

        OkHttpClient plain = new OkHttpClient.Builder()
                .callTimeout(Duration.ofSeconds(10))
                .retryOnConnectionFailure(false)
                .build();
        // the port speaks TLS only: a plain HTTP request gets no HTTP answer
        assertThatThrownBy(() -> plain.newCall(new Request.Builder()
                                .url("http://127.0.0.1:" + server.port() + "/health/live")
                                .build())
                        .execute()
                        .close())
                .isInstanceOf(IOException.class);
    }

    @Test
    void an_rsa_key_in_pkcs1_form_and_a_chain_are_read() throws Exception {
        KeyPair pair = keyPair("RSA", 2048);
        X509Certificate certificate = selfSigned(pair, "SHA256withRSA");
        Path cert = pem("fullchain.pem", certificate, selfSigned(keyPair("EC", 256), "SHA256withECDSA"));
        Path key = pem("key.pem", pair.getPrivate()); // -----BEGIN RSA PRIVATE KEY-----
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        PemTls tls = PemTls.load(cert, key);

        assertThat(tls.subject()).isEqualTo("CN=prodsupport.test");
        assertThat(tls.notAfter()).isEqualTo(certificate.getNotAfter().toInstant());
    }

    @Test
    void a_key_that_is_not_the_certificates_is_refused_in_one_line() throws Exception {
        Path cert = pem("cert.pem", selfSigned(keyPair("EC", 256), "SHA256withECDSA"));
        Path otherKey =
                pem("other.pem", new JcaPKCS8Generator(keyPair("EC", 256).getPrivate(), null));

        assertThatThrownBy(() -> PemTls.load(cert, otherKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhook.tls.keyFile " + otherKey
                        + " is not the key of the certificate in webhook.tls.certFile " + cert
                        + " (CN=prodsupport.test)");
        Path rsaKey = pem("rsa.pem", keyPair("RSA", 2048).getPrivate());
        assertThatThrownBy(() -> PemTls.load(cert, rsaKey)).hasMessageContaining("is not the key of the certificate");
    }

    @Test
    void missing_empty_and_swapped_files_are_named_with_their_key() throws Exception {
        KeyPair pair = keyPair("EC", 256);
        Path cert = pem("cert.pem", selfSigned(pair, "SHA256withECDSA"));
        Path key = pem("key.pem", new JcaPKCS8Generator(pair.getPrivate(), null));
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

    static KeyPair keyPair(String algorithm, int size) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(size);
        return generator.generateKeyPair();
    }

    /** A certificate for prodsupport.test, localhost and 127.0.0.1, valid from a day ago for a day. */
    static X509Certificate selfSigned(KeyPair pair, String signatureAlgorithm) throws Exception {
        X500Name name = new X500Name("CN=prodsupport.test");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)),
                name,
                pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "prodsupport.test"),
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1")
        }));
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate())));
    }

    private Path pem(String name, Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                if (o instanceof JcaPKCS8Generator pkcs8) {
                    writer.writeObject(pkcs8);
                } else {
                    writer.writeObject(o);
                }
            }
        }
        return Files.writeString(dir.resolve(name), text.toString());
    }

    /** A client that trusts {@code certificate} and nothing else. */
    static OkHttpClient trusting(X509Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("prodsupport", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        X509TrustManager trust = (X509TrustManager) factory.getTrustManagers()[0];
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
        return new OkHttpClient.Builder()
                .sslSocketFactory(context.getSocketFactory(), trust)
                .callTimeout(Duration.ofSeconds(20))
                .build();
    }
}
