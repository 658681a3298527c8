package io.prodsupport.store;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How a delivery's body is kept in {@code inbox_event.body}: deflated at the fastest level. JSON of 5–10 KB shrinks
 * several-fold, and the bytes a commit syncs to disk are what bounds the intake under a burst. The caller's thread
 * deflates (in parallel, before the commit); the worker inflates when it claims the event. Rows stored before bodies
 * were deflated say {@code identity} and come back as they are. The zlib format (not raw deflate) carries a checksum,
 * so a damaged body is noticed rather than handed on.
 */
enum BodyCodec {
    IDENTITY("identity"),
    DEFLATE("deflate");

    final String column;

    BodyCodec(String column) {
        this.column = column;
    }

    static BodyCodec of(String column) {
        for (BodyCodec codec : values()) {
            if (codec.column.equals(column)) {
                return codec;
            }
        }
        throw new IllegalStateException("inbox_event.body_encoding '" + column + "' is unknown to this build");
    }

    byte[] encode(byte[] body) {
        if (this == IDENTITY) {
            return body;
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(body);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    byte[] decode(byte[] stored) {
        if (this == IDENTITY) {
            return stored;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a stored body is cut short: it cannot be inflated");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored body is damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
