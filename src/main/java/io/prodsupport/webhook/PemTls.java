package io.prodsupport.webhook;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Built-in HTTPS for the service ({@code webhook.tls}): a certificate chain and its private key from PEM files, as
 * Let's Encrypt, an internal CA or {@code openssl} write them. Everything is read and checked when this is made, so a
 * missing, unreadable, encrypted or mismatched file stops the start with one line naming the key and the file.
 */
public final class PemTls {

    private final Path certFile;
    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private PemTls(Path certFile, List<X509Certificate> chain, PrivateKey key) {
        this.certFile = certFile;
        this.chain = chain;
        this.key = key;
    }

    /**
     * @param certFile the server certificate first, then any intermediates (a {@code fullchain.pem})
     * @param keyFile  its private key, unencrypted: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or
     *                 SEC1 ({@code EC PRIVATE KEY})
     * @throws IllegalArgumentException with a one-line message naming the config key and the file
     */
    public static PemTls load(Path certFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        if (!matches(chain.get(0), key)) {
            throw new IllegalArgumentException("webhook.tls.keyFile " + keyFile
                    + " is not the key of the certificate in webhook.tls.certFile " + certFile + " ("
                    + chain.get(0).getSubjectX500Principal().getName() + ")");
        }
        return new PemTls(certFile, List.copyOf(chain), key);
    }

    /** The server certificate's subject, for the log at start. */
    public String subject() {
        return chain.get(0).getSubjectX500Principal().getName();
    }

    /** When the server certificate stops being valid; Jira refuses it after that. */
    public Instant notAfter() {
        return chain.get(0).getNotAfter().toInstant();
    }

    /** The HTTPS connector Javalin listens on instead of plain HTTP (for {@code config.jetty.addConnector}). */
    BiFunction<Server, HttpConfiguration, Connector> connector(String host, int port) {
        return (server, http) -> {
            HttpConfiguration https = new HttpConfiguration(http);
            // no SNI host check: a client that connects by IP address sends no SNI; it checks the certificate itself
            https.addCustomizer(new SecureRequestCustomizer(false));
            ServerConnector connector = new ServerConnector(
                    server,
                    new SslConnectionFactory(sslContextFactory(), "http/1.1"),
                    new HttpConnectionFactory(https));
            connector.setHost(host);
            connector.setPort(port);
            return connector;
        };
    }

    private SslContextFactory.Server sslContextFactory() {
        // the key lives only in this process: an in-memory key store with a throw-away password
        char[] password = newPassword();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("prodsupport", key, password, chain.toArray(X509Certificate[]::new));
            SslContextFactory.Server factory = new SslContextFactory.Server();
            factory.setKeyStore(store);
            factory.setKeyStorePassword(new String(password));
            factory.setKeyManagerPassword(new String(password));
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(
                    "webhook.tls: cannot use the certificate in " + certFile + ": " + e.getMessage(), e);
        }
    }

    private static char[] newPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random).toCharArray();
    }

    private static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser pem = new PEMParser(reader(file, "webhook.tls.certFile"))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "webhook.tls.certFile " + file + ": not a PEM certificate (" + oneLine(e) + ")", e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(
                    "webhook.tls.certFile " + file + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) {
        try (PEMParser pem = new PEMParser(reader(file, "webhook.tls.keyFile"))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    // the private half only: a SEC1 key may leave its public key out
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IllegalArgumentException("webhook.tls.keyFile " + file
                            + ": the key is encrypted; give it unencrypted (openssl pkey -in " + file
                            + " -out key.pem), readable only by the service's user");
                }
                // anything else (EC PARAMETERS before an EC key, a certificate) is not the key: read on
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "webhook.tls.keyFile " + file + ": not a PEM private key (" + oneLine(e) + ")", e);
        }
        throw new IllegalArgumentException("webhook.tls.keyFile " + file
                + ": no private key in it (expected -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static Reader reader(Path file, String key) {
        try {
            return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(key + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(key + " " + file + ": cannot be read (permission denied)");
        } catch (IOException e) {
            throw new IllegalArgumentException(key + " " + file + ": cannot be read (" + oneLine(e) + ")");
        }
    }

    /** Whether {@code key} signs what the certificate's public key verifies: true only for the pair's two halves. */
    private static boolean matches(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default ->
                throw new IllegalArgumentException(
                        "webhook.tls.keyFile: a " + key.getAlgorithm() + " key is not supported; use an RSA or EC key");
        };
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        try {
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certificate.getPublicKey());
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a key of another kind than the certificate's
        }
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return message.lines().findFirst().orElse("").strip();
    }
}
