package io.camelzendesk.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads any Zendesk page envelope with a streaming parser, decoding the items straight into their model
 * class: the page is never turned into one string or tree.
 */
public final class PageReader<T> implements BodyReader<Page<T>> {

    private static final TypeReference<List<Map<String, Object>>> LIST_OF_MAPS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final String itemsField;
    private final ObjectReader itemReader;
    private final boolean keepSideloads;

    /**
     * @param itemsField    the main array ({@code tickets}, {@code results}, ...)
     * @param itemType      the class each item is decoded into
     * @param keepSideloads whether the other arrays of the page are kept (only when side-loads were asked for)
     */
    public PageReader(String itemsField, Class<T> itemType, boolean keepSideloads) {
        this.itemsField = itemsField;
        this.itemReader = ZendeskJson.MAPPER.readerFor(itemType);
        this.keepSideloads = keepSideloads;
    }

    public String itemsField() {
        return itemsField;
    }

    @Override
    public Page<T> read(InputStream body) throws IOException {
        return read(ZendeskJson.MAPPER.createParser(body), true);
    }

    private Page<T> read(JsonParser parser, boolean decodeItems) throws IOException {
        List<T> items = new ArrayList<>();
        Map<String, List<Map<String, Object>>> sideloads = new LinkedHashMap<>();
        Boolean hasMore = null;
        Boolean endOfStream = null;
        String nextUrl = null;
        String afterCursor = null;
        Long endTime = null;
        Long count = null;
        try (JsonParser p = parser) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object with \"" + itemsField + "\"");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals(itemsField) && value == JsonToken.START_ARRAY) {
                    if (!decodeItems) {
                        p.skipChildren();
                        continue;
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(itemReader.readValue(p));
                    }
                    continue;
                }
                switch (field) {
                    case "meta" -> {
                        Map<String, Object> meta = p.readValueAs(MAP);
                        if (meta != null) {
                            hasMore = Boolean.TRUE.equals(meta.get("has_more"));
                            afterCursor = (String) meta.get("after_cursor");
                        }
                    }
                    case "links" -> {
                        Map<String, Object> links = p.readValueAs(MAP);
                        if (links != null && links.get("next") instanceof String next) {
                            nextUrl = next;
                        }
                    }
                    case "next_page", "after_url" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            nextUrl = p.getText();
                        }
                    }
                    case "after_cursor" -> afterCursor = value == JsonToken.VALUE_STRING ? p.getText() : afterCursor;
                    case "end_of_stream" -> endOfStream = value == JsonToken.VALUE_TRUE;
                    case "end_time" -> endTime = value.isNumeric() ? p.getLongValue() : endTime;
                    case "count" -> count = value.isNumeric() ? p.getLongValue() : count;
                    default -> {
                        if (keepSideloads && value == JsonToken.START_ARRAY) {
                            sideloads.put(field, p.readValueAs(LIST_OF_MAPS));
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            }
        }
        return new Page<>(items, sideloads, hasMore, nextUrl, afterCursor, endOfStream, endTime, count);
    }

    /**
     * A received page: its bytes and its envelope, the items still to be decoded (see {@link #scanning()}).
     *
     * @param itemCount the number of items in the page's array, -1 when the page was read another way
     */
    public record Scanned<T>(byte[] body, Page<T> envelope, int itemCount) {
    }

    /**
     * A body reader that keeps the page's bytes and reads only its envelope: the items are decoded later, one at a
     * time, with {@link #items(byte[])}. Run by the client as the response arrives, so the scan happens off the
     * thread that delivers the previous page.
     */
    public BodyReader<Scanned<T>> scanning() {
        return new BodyReader<>() {
            @Override
            public Scanned<T> read(InputStream in) throws IOException {
                return read(in.readAllBytes());
            }

            @Override
            public Scanned<T> read(byte[] body) throws IOException {
                return scan(body);
            }
        };
    }

    /**
     * The page's envelope (cursor, end time, end of stream, side-loads, count) read from a received body without
     * decoding the items: a token walk over them. {@link Page#items()} is empty; decode with {@link #items(byte[])}.
     */
    public Page<T> envelope(byte[] body) throws IOException {
        return scan(body).envelope();
    }

    /** The body with its envelope read and its items counted, not decoded. */
    private Scanned<T> scan(byte[] body) throws IOException {
        int start = itemsArrayStart(body);
        if (start < 0) {
            return new Scanned<>(body, read(ZendeskJson.MAPPER.createParser(body), false), -1);
        }
        int[] count = new int[1];
        int end = skipArray(body, start, count);
        return new Scanned<>(body, envelopeWithout(body, start, end), count[0]);
    }

    /** The envelope read from the document with the items array, from start to end, emptied. */
    private Page<T> envelopeWithout(byte[] body, int start, int end) throws IOException {
        // a byte-level skip of the array instead of tokenizing it
        byte[] rest = new byte[start + 2 + body.length - end];
        System.arraycopy(body, 0, rest, 0, start);
        rest[start] = '[';
        rest[start + 1] = ']';
        System.arraycopy(body, end, rest, start + 2, body.length - end);
        return read(ZendeskJson.MAPPER.createParser(rest), false);
    }

    /** The byte offset of the items array's {@code [}, or -1. */
    private int itemsArrayStart(byte[] body) throws IOException {
        try (JsonParser p = ZendeskJson.MAPPER.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals(itemsField) && value == JsonToken.START_ARRAY) {
                    long offset = p.currentTokenLocation().getByteOffset();
                    return offset >= 0 && offset < body.length && body[(int) offset] == '[' ? (int) offset : -1;
                }
                p.skipChildren();
            }
        }
        return -1;
    }

    /**
     * The offset just after the array that starts at {@code start}; {@code count[0]} gets the number of its
     * elements that are objects or arrays (a page's items). Byte-level: strings are skipped by their quotes and
     * escapes (UTF-8 continuation bytes never look like {@code "} or a backslash).
     */
    static int skipArray(byte[] b, int start, int[] count) throws IOException {
        int depth = 0;
        for (int i = start; i < b.length; i++) {
            byte c = b[i];
            if (c == '"') {
                for (i++; i < b.length && b[i] != '"'; i++) {
                    if (b[i] == '\\') {
                        i++;
                    }
                }
            } else if (c == '[' || c == '{') {
                if (depth++ == 1) {
                    count[0]++;
                }
            } else if ((c == ']' || c == '}') && --depth == 0) {
                return i + 1;
            }
        }
        throw new IOException("the \"" + "items" + "\" array is not terminated");
    }

    /** The page's items, decoded one at a time as they are asked for: never more than one held by the reader. */
    public Iterator<T> items(byte[] body) throws IOException {
        JsonParser p = ZendeskJson.MAPPER.createParser(body);
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("expected a JSON object with \"" + itemsField + "\"");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals(itemsField) && value == JsonToken.START_ARRAY) {
                return new Iterator<>() {
                    private JsonToken next = p.nextToken();

                    @Override
                    public boolean hasNext() {
                        return next != JsonToken.END_ARRAY && next != null;
                    }

                    @Override
                    public T next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        try {
                            T item = itemReader.readValue(p);
                            next = p.nextToken();
                            return item;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                };
            }
            p.skipChildren();
        }
        return Collections.emptyIterator();
    }
}
