package io.prodsupport.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * How a delivery's body is kept in {@code inbox_event.body}. New rows are LZ4-compressed: JSON of 5–10 KB shrinks
 * about 3.5-fold (the bytes each commit syncs to disk bound the intake under a burst) at a fifth of the CPU deflate
 * took, and the intake's CPU per delivery bounds it as much. The caller's thread compresses (in parallel, before the
 * commit); the worker decompresses when it claims the event. Rows of earlier builds say {@code identity} (stored as
 * they came) or {@code deflate} (zlib, fastest level) and are read as they were written; {@link GroupCommit#CODEC}
 * says which codec new rows get.
 *
 * <p>The {@code lz4} format: the body's length (4 bytes, big-endian), the XXH32 of the body (4 bytes, seed 0), then
 * one LZ4 block. The checksum means a damaged body is noticed rather than handed on, as zlib's did.
 */
enum BodyCodec {
    IDENTITY("identity"),
    DEFLATE("deflate"),
    LZ4("lz4");

    /**
     * Deliveries are at most 1 MiB; a stored header claiming far more than that is damage, not something to allocate.
     */
    private static final int MAX_BODY_BYTES = 64 << 20;

    private static final int HEADER_BYTES = 8;

    private static final LZ4Factory LZ4_FACTORY = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = LZ4_FACTORY.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4_FACTORY.safeDecompressor();
    private static final XXHash32 CHECKSUM = XXHashFactory.fastestInstance().hash32();

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
        return switch (this) {
            case IDENTITY -> body;
            case DEFLATE -> deflate(body);
            case LZ4 -> lz4(body);
        };
    }

    byte[] decode(byte[] stored) {
        return switch (this) {
            case IDENTITY -> stored;
            case DEFLATE -> inflate(stored);
            case LZ4 -> unlz4(stored);
        };
    }

    private static byte[] lz4(byte[] body) {
        byte[] stored = new byte[HEADER_BYTES + COMPRESSOR.maxCompressedLength(body.length)];
        ByteBuffer.wrap(stored).putInt(body.length).putInt(CHECKSUM.hash(body, 0, body.length, 0));
        int compressed = COMPRESSOR.compress(body, 0, body.length, stored, HEADER_BYTES);
        return Arrays.copyOf(stored, HEADER_BYTES + compressed);
    }

    private static byte[] unlz4(byte[] stored) {
        if (stored.length < HEADER_BYTES) {
            throw new IllegalStateException("a stored body is cut short: it cannot be decompressed");
        }
        ByteBuffer header = ByteBuffer.wrap(stored, 0, HEADER_BYTES);
        int length = header.getInt();
        int checksum = header.getInt();
        if (length < 0 || length > MAX_BODY_BYTES) {
            throw new IllegalStateException("a stored body is damaged: its header says " + length + " bytes");
        }
        byte[] body = new byte[length];
        int restored;
        try {
            restored = DECOMPRESSOR.decompress(stored, HEADER_BYTES, stored.length - HEADER_BYTES, body, 0);
        } catch (LZ4Exception e) {
            throw new IllegalStateException("a stored body is damaged: " + e.getMessage(), e);
        }
        if (restored != length || CHECKSUM.hash(body, 0, length, 0) != checksum) {
            throw new IllegalStateException("a stored body is damaged: it does not match its checksum");
        }
        return body;
    }

    private static byte[] deflate(byte[] body) {
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

    private static byte[] inflate(byte[] stored) {
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
