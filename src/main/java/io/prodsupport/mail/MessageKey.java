package io.prodsupport.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The key of a message in the ledger and in the marker of its comment: the SHA-256 of its {@code Message-ID}, in hex.
 * A digest, because a Message-ID can be a thousand characters of anything, while a key must index well in SQL and
 * survive Jira turning a comment's wiki markup into its own format and back.
 */
public final class MessageKey {

    private MessageKey() {}

    /** The key of {@code messageId}; angle brackets, surrounding space and case of the domain part do not matter. */
    public static String of(String messageId) {
        String id = messageId.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1).strip();
        }
        int at = id.lastIndexOf('@');
        if (at >= 0) {
            id = id.substring(0, at + 1) + id.substring(at + 1).toLowerCase(Locale.ROOT);
        }
        return sha256(id);
    }

    /** The SHA-256 of {@code text} (UTF-8), in hex. */
    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The text a comment carries so that a later attempt finds it: short, and only letters, digits and a hyphen. */
    public static String marker(String messageKey) {
        return "prodsupport-mail-" + messageKey.substring(0, 32);
    }
}
