package io.camelzendesk.client;

import java.io.IOException;
import java.io.InputStream;

/** Turns a successful response body (received in full) into a value. */
@FunctionalInterface
public interface BodyReader<T> {

    T read(InputStream body) throws IOException;

    /** Reads a body received in full; readers that want the bytes themselves override this. */
    default T read(byte[] body) throws IOException {
        return read(new java.io.ByteArrayInputStream(body));
    }

    /** Ignores the body. */
    BodyReader<Void> DISCARD = in -> {
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return null;
    };
}
