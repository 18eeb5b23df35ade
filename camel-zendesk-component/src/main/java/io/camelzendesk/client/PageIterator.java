package io.camelzendesk.client;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Iterates a paginated list lazily: a page is fetched only when the items before it have been consumed, so memory
 * stays at one page whatever the list's length. Follows {@code links.next} / {@code next_page}; the client refuses
 * one on another scheme, host or port (credentials never go anywhere else).
 */
public final class PageIterator<T> implements Iterator<T> {

    private final ZendeskClient client;
    private final ZendeskRequest first;
    private final PageReader<T> reader;
    private final long maxResults;
    private final Map<String, Map<Object, Map<String, Object>>> sideloads = new LinkedHashMap<>();
    private Iterator<T> current;
    private String nextUrl;
    private boolean started;
    private long returned;
    private int pages;

    /**
     * @param maxResults stop after this many items (0 or less: no limit)
     */
    public PageIterator(ZendeskClient client, ZendeskRequest first, PageReader<T> reader, long maxResults) {
        this.client = client;
        this.first = first;
        this.reader = reader;
        this.maxResults = maxResults;
    }

    /**
     * Continues a list whose first page has already arrived (see {@link ZendeskClient#list}): the following pages
     * are fetched lazily.
     */
    public PageIterator(ZendeskClient client, Page<T> firstPage, PageReader<T> reader, long maxResults) {
        this(client, (ZendeskRequest) null, reader, maxResults);
        started = true;
        accept(firstPage);
    }

    @Override
    public boolean hasNext() {
        if (maxResults > 0 && returned >= maxResults) {
            return false;
        }
        while (current == null || !current.hasNext()) {
            if (started && nextUrl == null) {
                return false;
            }
            fetch();
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        returned++;
        return current.next();
    }

    /** Pages fetched so far. */
    public int pagesFetched() {
        return pages;
    }

    /**
     * Side-loaded objects of the pages fetched so far, by side-load name ({@code users}, {@code groups}, ...) and id.
     * Grows as pages are fetched.
     */
    public Map<String, Map<Object, Map<String, Object>>> sideloads() {
        return sideloads;
    }

    private void fetch() {
        // the client refuses a next link on another host, scheme or port (RequestTarget)
        ZendeskRequest request = started ? ZendeskRequest.get(nextUrl).build() : first;
        started = true;
        accept(client.execute(request, reader).body());
    }

    private void accept(Page<T> page) {
        pages++;
        for (Map.Entry<String, List<Map<String, Object>>> e : page.sideloads().entrySet()) {
            Map<Object, Map<String, Object>> byId = sideloads.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>());
            for (Map<String, Object> o : e.getValue()) {
                byId.put(o.get("id"), o);
            }
        }
        nextUrl = page.items().isEmpty() ? null : page.next();
        current = page.items().iterator();
    }
}
