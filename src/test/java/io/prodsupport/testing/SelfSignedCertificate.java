package io.prodsupport.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for prodsupport.test, localhost and 127.0.0.1, made with BouncyCastle, valid from a day
 * ago for a day; written as PEM files the way openssl writes them, and a client that trusts it and nothing else.
 */
public record SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {

    public static final String SUBJECT = "CN=prodsupport.test";

    /** An EC P-256 key (quick to make) and its certificate. */
    public static SelfSignedCertificate ec() {
        return of(keyPair("EC", 256), "SHA256withECDSA");
    }

    /** An RSA 2048 key and its certificate. */
    public static SelfSignedCertificate rsa() {
        return of(keyPair("RSA", 2048), "SHA256withRSA");
    }

    public static KeyPair keyPair(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SelfSignedCertificate of(KeyPair pair, String signatureAlgorithm) {
        X500Name name = new X500Name(SUBJECT);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)),
                name,
                pair.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "prodsupport.test"),
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate())));
            return new SelfSignedCertificate(pair, certificate);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -----BEGIN CERTIFICATE-----}, followed by {@code more} certificates (a chain). */
    public Path writeCertificate(Path file, X509Certificate... more) {
        Object[] all = new Object[more.length + 1];
        all[0] = certificate;
        System.arraycopy(more, 0, all, 1, more.length);
        return pem(file, all);
    }

    /** The key in PKCS#8, {@code -----BEGIN PRIVATE KEY-----}, as {@code openssl genpkey} writes it. */
    public Path writePkcs8Key(Path file) {
        try {
            return pem(file, new JcaPKCS8Generator(keyPair.getPrivate(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key in its traditional form: {@code -----BEGIN RSA PRIVATE KEY-----} for RSA (PKCS#1). */
    public Path writeTraditionalKey(Path file) {
        return pem(file, keyPair.getPrivate());
    }

    private static Path pem(Path file, Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                if (o instanceof JcaPKCS8Generator pkcs8) {
                    writer.writeObject(pkcs8);
                } else {
                    writer.writeObject(o);
                }
            }
            writer.flush();
            return Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP client that trusts this certificate and nothing else. */
    public OkHttpClient trustingClient() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("prodsupport", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            X509TrustManager trust = (X509TrustManager) factory.getTrustManagers()[0];
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return new OkHttpClient.Builder()
                    .sslSocketFactory(context.getSocketFactory(), trust)
                    .callTimeout(Duration.ofSeconds(20))
                    .build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
