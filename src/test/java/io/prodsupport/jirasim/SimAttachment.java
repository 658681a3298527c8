package io.prodsupport.jirasim;

import java.time.Instant;

/** A file attached to an issue, as stored: what was uploaded, by whom, when. */
public record SimAttachment(
        long id, String filename, String mimeType, byte[] content, SimUser author, Instant created) {

    public long size() {
        return content.length;
    }
}
