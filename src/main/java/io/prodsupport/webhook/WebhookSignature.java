package io.prodsupport.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Hub-Signature: <method>=<hex>} check Jira (Cloud and Data Center) applies when an admin webhook has a
 * secret: an HMAC of the raw body bytes. Several secrets are accepted at once so a secret can be rotated without
 * losing deliveries.
 */
public final class WebhookSignature {

    private static final Map<String, String> MACS = Map.of(
            "sha256", "HmacSHA256",
            "sha1", "HmacSHA1",
            "sha384", "HmacSHA384",
            "sha512", "HmacSHA512");

    private WebhookSignature() {}

    /** The header value Jira would send for this body: {@code sha256=<lowercase hex>}. */
    public static String sign(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(mac("HmacSHA256", secret, body));
    }

    /**
     * True when {@code header} is a well-formed signature of {@code body} under one of {@code secrets}. Compared in
     * constant time, so a wrong guess leaks nothing about how close it was.
     */
    public static boolean verify(String header, byte[] body, List<String> secrets) {
        if (header == null) {
            return false;
        }
        int eq = header.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        String algorithm = MACS.get(header.substring(0, eq).trim().toLowerCase(Locale.ROOT));
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(eq + 1).trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        if (algorithm == null) {
            return false;
        }
        boolean match = false;
        for (String secret : secrets) {
            // no early exit: every secret is tried, so timing does not tell which one matched
            match |= MessageDigest.isEqual(mac(algorithm, secret, body), given);
        }
        return match;
    }

    private static byte[] mac(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM lacks " + algorithm, e);
        }
    }
}
