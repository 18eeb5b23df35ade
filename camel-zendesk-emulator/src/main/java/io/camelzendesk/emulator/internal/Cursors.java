package io.camelzendesk.emulator.internal;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Opaque cursors: standard base64 of a small binary record. They always contain '+', '/' and '=', so a
 * client that forgets to URL-encode them breaks here as it would break against Zendesk.
 */
public final class Cursors {
    public static final byte LIST = 1;
    public static final byte EXPORT_TICKETS = 2;
    public static final byte EXPORT_USERS = 3;
    public static final byte SEARCH_EXPORT = 4;

    /** A decoded cursor: a kind, a timestamp (or 0) and an id. */
    public record Cursor(byte kind, long ts, long id) {
    }

    private Cursors() {
    }

    public static String encode(byte kind, long ts, long id) {
        ByteBuffer b = ByteBuffer.allocate(23);
        b.put((byte) 0xFB).put((byte) 0xFF).put(kind).putLong(ts).putLong(id);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, 19);
        b.putInt((int) crc.getValue());
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** Decodes a cursor of the expected kind, or fails with 400 InvalidPaginationParameter. */
    public static Cursor decode(String cursor, byte expectedKind) {
        try {
            byte[] raw = Base64.getDecoder().decode(cursor);
            if (raw.length != 23 || raw[0] != (byte) 0xFB || raw[1] != (byte) 0xFF || raw[2] != expectedKind) {
                throw invalid();
            }
            CRC32 crc = new CRC32();
            crc.update(raw, 0, 19);
            ByteBuffer b = ByteBuffer.wrap(raw);
            b.position(3);
            long ts = b.getLong();
            long id = b.getLong();
            if (b.getInt() != (int) crc.getValue()) {
                throw invalid();
            }
            return new Cursor(expectedKind, ts, id);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ApiError invalid() {
        return ApiError.badRequest("InvalidPaginationParameter", "Invalid cursor: the cursor is unknown or malformed");
    }
}
