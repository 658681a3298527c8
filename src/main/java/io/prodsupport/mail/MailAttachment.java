package io.prodsupport.mail;

/**
 * A file that came with an e-mail.
 *
 * @param name     the file name, without any folder part the sender's program put in
 * @param mimeType the declared type, parameters left out
 * @param content  the decoded bytes
 */
record MailAttachment(String name, String mimeType, byte[] content) {

    long size() {
        return content.length;
    }

    /** The size as people read it: {@code 812 bytes}, {@code 3.4 KB}, {@code 5.0 MB}. */
    String readableSize() {
        long bytes = size();
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
