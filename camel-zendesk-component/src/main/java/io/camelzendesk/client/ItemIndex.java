package io.camelzendesk.client;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Where the items of a page's array lie, found in one pass over the bytes without decoding anything: each item's
 * start and end and where each of its top-level field names starts. The items are then made from their own bytes
 * and decode a field only when it is read ({@link io.camelzendesk.model.SourceFields}).
 * <p>
 * Layout of {@link #index()}, item after item: {@code start, end, n} and then, for each of its {@code n} field
 * names, {@code offset << 8 | length}: where it starts (just after the opening quote) relative to the item's start,
 * and its length (255 for 255 or more). {@code n} is -1 for an item with a name that has an escape or a non-ASCII
 * character, or of over 16 MB: it is decoded in full instead. Strings are skipped by their quotes and escapes; a
 * UTF-8 continuation byte never looks like {@code "} or a backslash.
 */
final class ItemIndex {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    /** The offsets a name's entry holds: 24 bits. */
    private static final int MAX_OFFSET = 1 << 23;

    private final byte[] b;
    private int[] index;
    private int size;
    private int items;
    private int end;

    private ItemIndex(byte[] body) {
        this.b = body;
        // an int per field: a ticket's fields average 60-70 bytes, so this is enough for most pages at once
        this.index = new int[Math.max(64, body.length / 50)];
    }

    /** The index of the array whose {@code [} is at {@code start}; {@link #end()} is the offset just after it. */
    static ItemIndex of(byte[] body, int start) throws IOException {
        ItemIndex index = new ItemIndex(body);
        index.end = index.array(start);
        return index;
    }

    /**
     * Where the items array that starts at {@code itemsStart} ends (the offset after its {@code ]}), read from the
     * document's end backwards over the fields that follow it, when those are all strings, numbers, booleans or
     * nulls (an export page's cursor, end time, end of stream and count); else -1. Not checked against the array
     * itself: the index's {@link #end()} is, once it is made.
     */
    static int endFromTail(byte[] b, int itemsStart) {
        int i = back(b, b.length - 1, itemsStart);
        if (i < 0 || b[i] != '}') {
            return -1;
        }
        i = back(b, i - 1, itemsStart);
        while (i > itemsStart) {
            byte c = b[i];
            if (c == ']') {
                return i + 1;
            }
            int valueStart;
            if (c == '"') {
                valueStart = openingQuote(b, i, itemsStart);
            } else if (c >= '0' && c <= '9' || c == 'e' || c == 'l') { // a number, true, false, null
                valueStart = i;
                while (valueStart > itemsStart && b[valueStart - 1] > ' ' && b[valueStart - 1] != ':') {
                    valueStart--;
                }
            } else {
                return -1; // an object, or not JSON
            }
            i = back(b, valueStart - 1, itemsStart);
            if (i < 0 || b[i] != ':') {
                return -1;
            }
            i = back(b, i - 1, itemsStart);
            if (i < 0 || b[i] != '"') {
                return -1;
            }
            i = back(b, openingQuote(b, i, itemsStart) - 1, itemsStart);
            if (i < 0 || b[i] != ',') {
                return -1;
            }
            i = back(b, i - 1, itemsStart);
        }
        return -1;
    }

    /** The last offset at or before {@code i} that is not whitespace, or -1 at or before {@code floor}. */
    private static int back(byte[] b, int i, int floor) {
        while (i > floor && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i--;
        }
        return i > floor ? i : -1;
    }

    /** The opening quote of the string whose closing quote is at {@code close}: a quote after an even run of backslashes. */
    private static int openingQuote(byte[] b, int close, int floor) {
        for (int i = close - 1; i > floor; i--) {
            if (b[i] == '"') {
                int backslashes = 0;
                while (b[i - 1 - backslashes] == '\\') {
                    backslashes++;
                }
                if (backslashes % 2 == 0) {
                    return i;
                }
            }
        }
        return floor;
    }

    int[] index() {
        return index;
    }

    int items() {
        return items;
    }

    /** The offset just after the array. */
    int end() {
        return end;
    }

    private int array(int at) throws IOException {
        int i = whitespace(at + 1);
        if (i < b.length && b[i] == ']') {
            return i + 1;
        }
        while (true) {
            if (i >= b.length || b[i] != '{') {
                throw malformed(i, "an object");
            }
            i = whitespace(object(i));
            items++;
            if (i < b.length && b[i] == ']') {
                return i + 1;
            }
            if (i >= b.length || b[i] != ',') {
                throw malformed(i, "',' or ']'");
            }
            i = whitespace(i + 1);
        }
    }

    /** Indexes the object at {@code start}; returns the offset after it. */
    private int object(int start) throws IOException {
        byte[] b = this.b;
        int head = size;
        reserve(3);
        index[head] = start;
        size = head + 3;
        int fields = 0;
        boolean plain = true;
        int i = whitespace(start + 1);
        if (i < b.length && b[i] == '}') {
            return close(head, start, i + 1, 0);
        }
        while (true) {
            if (i >= b.length || b[i] != '"') {
                throw malformed(i, "a field name");
            }
            int nameStart = i + 1;
            // a name: plain (no escape, ASCII) in the common case, read byte by byte as it is short
            int k = nameStart;
            byte c;
            while (k < b.length && (c = b[k]) != '"') {
                if (c < 0 || c == '\\') {
                    plain = false;
                    k = string(b, i);
                    break;
                }
                k++;
            }
            i = whitespace(k + 1);
            if (i >= b.length || b[i] != ':') {
                throw malformed(i, "':'");
            }
            if (plain && nameStart - start >= MAX_OFFSET) {
                plain = false; // an object of over 16 MB: decoded in full
            }
            if (plain) {
                reserve(1);
                index[size++] = (nameStart - start) << 8 | Math.min(k - nameStart, 255);
                fields++;
            }
            i = whitespace(value(whitespace(i + 1)));
            if (i < b.length && b[i] == ',') {
                i = whitespace(i + 1);
                continue;
            }
            if (i < b.length && b[i] == '}') {
                return close(head, start, i + 1, plain ? fields : -1);
            }
            throw malformed(i, "',' or '}'");
        }
    }

    private int close(int head, int start, int end, int fields) {
        index[head + 1] = end;
        index[head + 2] = fields;
        if (fields < 0) {
            size = head + 3;
        }
        return end;
    }

    /** The offset just after the value at {@code i}. */
    private int value(int i) throws IOException {
        if (i >= b.length) {
            throw malformed(i, "a value");
        }
        byte c = b[i];
        if (c == '"') {
            int close = string(b, i);
            if (close >= b.length) {
                throw malformed(i, "the end of a string");
            }
            return close + 1;
        }
        if (c == '{' || c == '[') {
            return nested(i);
        }
        int end;
        if (c == '-' || (c >= '0' && c <= '9')) {
            // its exact form is checked when it is decoded
            end = i + 1;
            while (end < b.length && ((c = b[end]) >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E'
                                      || c == '+' || c == '-')) {
                end++;
            }
        } else {
            end = c == 't' ? literal(i, TRUE) : c == 'f' ? literal(i, FALSE) : literal(i, NULL);
        }
        if (end < b.length && (c = b[end]) != ',' && c != '}' && c != ']' && c != ' ' && c != '\n' && c != '\r'
            && c != '\t') {
            throw malformed(i, "a value");
        }
        return end;
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /** The offset after {@code literal} at {@code start}. */
    private int literal(int start, byte[] literal) throws IOException {
        if (start + literal.length > b.length) {
            throw malformed(start, "a value");
        }
        for (int k = 0; k < literal.length; k++) {
            if (b[start + k] != literal[k]) {
                throw malformed(start, "a value");
            }
        }
        return start + literal.length;
    }

    /** The offset just after the object or array at {@code i}. */
    private int nested(int i) throws IOException {
        byte[] b = this.b;
        int depth = 0;
        for (; i < b.length; i++) {
            byte c = b[i];
            if (c == '"') {
                i = string(b, i);
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        throw malformed(i, "the end of an object or array");
    }

    /**
     * The offset of the closing quote of the string whose opening quote is at {@code open}, or past the end of
     * {@code b} when it has none (the caller then finds no structure where it expects it).
     */
    private static int string(byte[] b, int open) {
        int i = open + 1;
        int n = b.length;
        while (true) {
            // eight bytes at a time to the next quote or backslash
            while (i + 8 <= n) {
                long word = (long) LONGS.get(b, i);
                long found = zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES);
                if (found != 0) {
                    i += Long.numberOfTrailingZeros(found) >>> 3;
                    break;
                }
                i += 8;
            }
            while (i < n && b[i] != '"' && b[i] != '\\') {
                i++;
            }
            if (i >= n || b[i] == '"') {
                return i;
            }
            i += 2; // an escape: the next byte is never the end
        }
    }

    /** A high bit on the lowest zero byte of {@code v} (little endian: the first in memory), and above it. */
    private static long zeroBytes(long v) {
        return (v - ONES) & ~v & HIGHS;
    }

    private int whitespace(int i) {
        byte c;
        while (i < b.length && (c = b[i]) <= ' ' && (c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
            i++;
        }
        return i;
    }

    private void reserve(int more) {
        if (size + more > index.length) {
            index = Arrays.copyOf(index, Math.max(index.length * 2, size + more));
        }
    }

    private IOException malformed(int at, String expected) {
        return new IOException("malformed items array: expected " + expected + " at byte " + at + " of "
                               + b.length);
    }
}
