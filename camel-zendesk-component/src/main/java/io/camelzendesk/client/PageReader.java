package io.camelzendesk.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
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

import io.camelzendesk.model.SourceFields;

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
    /** Makes a model item from its bytes, null for items of another type. */
    private final SourceFields.Factory<T> sourceFields;

    /**
     * @param itemsField    the main array ({@code tickets}, {@code results}, ...)
     * @param itemType      the class each item is decoded into
     * @param keepSideloads whether the other arrays of the page are kept (only when side-loads were asked for)
     */
    public PageReader(String itemsField, Class<T> itemType, boolean keepSideloads) {
        this.itemsField = itemsField;
        this.itemReader = ZendeskJson.MAPPER.readerFor(itemType);
        this.keepSideloads = keepSideloads;
        this.sourceFields = SourceFields.factory(itemType);
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
     * A body reader that keeps the page's bytes and reads its envelope without decoding the items (see
     * {@link ScannedPage}): they are made later, one at a time, with {@link #items(ScannedPage)}. Run by the client
     * as the response arrives.
     */
    public BodyReader<ScannedPage<T>> scanning() {
        return new BodyReader<>() {
            @Override
            public ScannedPage<T> read(InputStream in) throws IOException {
                return read(in.readAllBytes());
            }

            @Override
            public ScannedPage<T> read(byte[] body) throws IOException {
                return scan(body);
            }
        };
    }

    /**
     * The page's envelope (cursor, end time, end of stream, side-loads, count) read from a received body without
     * decoding the items. {@link Page#items()} is empty; make them with {@link #items(ScannedPage)}.
     */
    public Page<T> envelope(byte[] body) throws IOException {
        return scan(body).envelope();
    }

    /**
     * The body with its envelope read, its items not decoded: found later when the fields after them are plain
     * values and no side-load is kept, else now (one pass over the bytes, no tokenizing).
     */
    ScannedPage<T> scan(byte[] body) throws IOException {
        int start = itemsArrayStart(body);
        if (start < 0) {
            return new ScannedPage<>(this, body, -1, -1, read(ZendeskJson.MAPPER.createParser(body), false), null);
        }
        int end = keepSideloads ? -1 : ItemIndex.endFromTail(body, start);
        if (end > 0) {
            return new ScannedPage<>(this, body, start, end, envelopeWithout(body, start, end), null);
        }
        ItemIndex items = ItemIndex.of(body, start);
        return new ScannedPage<>(this, body, start, items.end(), envelopeWithout(body, start, items.end()), items);
    }

    /** The envelope read from the document with the items array, from start to end, emptied. */
    Page<T> envelopeWithout(byte[] body, int start, int end) throws IOException {
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
     * The page's items, made one at a time as they are asked for: never more than one held by the reader. A model
     * item keeps its own bytes and decodes a field when it is read ({@link SourceFields}); any other is decoded
     * in full.
     */
    public Iterator<T> items(ScannedPage<?> page) throws IOException {
        ItemIndex found = page.index();
        if (found == null || sourceFields == null) {
            return items(page.body());
        }
        int[] index = found.index();
        byte[] body = page.body();
        return new Iterator<>() {
            private int left = found.items();
            private int at;

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public T next() {
                if (left == 0) {
                    throw new NoSuchElementException();
                }
                left--;
                int fields = index[at + 2];
                byte[] json = Arrays.copyOfRange(body, index[at], index[at + 1]);
                int names = at + 3;
                at = names + Math.max(0, fields);
                if (fields < 0) {
                    try {
                        return itemReader.readValue(json);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return sourceFields.of(json, Arrays.copyOfRange(index, names, at));
            }
        };
    }

    /** The page's items, decoded one at a time as they are asked for: never more than one held by the reader. */
    Iterator<T> items(byte[] body) throws IOException {
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
