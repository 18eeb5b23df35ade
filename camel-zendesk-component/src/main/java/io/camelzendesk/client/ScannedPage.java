package io.camelzendesk.client;

import java.io.IOException;

/**
 * A received page: its bytes, its envelope (cursor, end time, end of stream, side-loads, count) and where its items
 * lie, the items still to be made ({@link PageReader#items(ScannedPage)}). When the fields after the items are plain
 * values (an export page without side-loads), the envelope is read from the page's end backwards and the items are
 * found only when they are first asked for: the next page can be asked for before this one is gone through. Finding
 * them checks where they end; should another array stand between them and those fields, the envelope is read again
 * ({@link #envelope()} then returns the new one).
 */
public final class ScannedPage<T> {

    private final PageReader<T> reader;
    private final byte[] body;
    /** The items array's {@code [}, or -1 when the page has none (then there is no index). */
    private final int itemsStart;
    /** Where the envelope was read as if the items array ended. */
    private final int assumedItemsEnd;
    private volatile Page<T> envelope;
    private ItemIndex index;

    ScannedPage(PageReader<T> reader, byte[] body, int itemsStart, int assumedItemsEnd, Page<T> envelope,
            ItemIndex index) {
        this.reader = reader;
        this.body = body;
        this.itemsStart = itemsStart;
        this.assumedItemsEnd = assumedItemsEnd;
        this.envelope = envelope;
        this.index = index;
    }

    public byte[] body() {
        return body;
    }

    /** The envelope; {@link Page#items()} is empty. */
    public Page<T> envelope() {
        return envelope;
    }

    /** The number of items, -1 when the page has no items array (its items are decoded another way). */
    public int itemCount() throws IOException {
        ItemIndex found = index();
        return found == null ? -1 : found.items();
    }

    /** Where the items and their field names lie: found once, on the first call. Null without an items array. */
    synchronized ItemIndex index() throws IOException {
        if (index == null && itemsStart >= 0) {
            ItemIndex found = ItemIndex.of(body, itemsStart);
            if (found.end() != assumedItemsEnd) {
                envelope = reader.envelopeWithout(body, itemsStart, found.end());
            }
            index = found;
        }
        return index;
    }
}
