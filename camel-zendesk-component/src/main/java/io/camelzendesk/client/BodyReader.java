package io.camelzendesk.client;

import java.io.IOException;
import java.io.InputStream;

/** Turns a successful response body into a value, reading the stream as it arrives. */
@FunctionalInterface
public interface BodyReader<T> {

    T read(InputStream body) throws IOException;

    /** Ignores the body. */
    BodyReader<Void> DISCARD = in -> {
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return null;
    };
}
