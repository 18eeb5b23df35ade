package io.camelzendesk.component.export;

import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * A batch of a known size whose elements are made when they are taken ({@link #poll()}), so that a page's records
 * are decoded one at a time as they are delivered and never held all at once. Only {@code poll} and {@code size}
 * are supported: the consumer's {@code processBatch} uses nothing else.
 */
final class DecodingBatch<T> extends AbstractQueue<T> {

    private final Supplier<T> next;
    private int remaining;

    DecodingBatch(int size, Supplier<T> next) {
        this.remaining = size;
        this.next = next;
    }

    @Override
    public T poll() {
        if (remaining == 0) {
            return null;
        }
        remaining--;
        return next.get();
    }

    @Override
    public int size() {
        return remaining;
    }

    @Override
    public boolean offer(T element) {
        throw new UnsupportedOperationException("a decoding batch is read only");
    }

    @Override
    public T peek() {
        throw new UnsupportedOperationException("a decoding batch is taken element by element");
    }

    @Override
    public Iterator<T> iterator() {
        throw new UnsupportedOperationException("a decoding batch is taken element by element");
    }
}
