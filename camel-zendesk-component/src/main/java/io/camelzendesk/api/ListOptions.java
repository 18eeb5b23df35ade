package io.camelzendesk.api;

/**
 * How a list or search is read: the page size asked of Zendesk, the number of items after which the iteration stops
 * (0: no limit) and the side-loads to include ({@code users,groups}, or null).
 */
public record ListOptions(int pageSize, long maxResults, String include) {

    /** Pages of 100 (Zendesk's largest), no limit, no side-loads. */
    public static final ListOptions DEFAULTS = new ListOptions(100, 0, null);

    public ListOptions pageSize(int size) {
        return new ListOptions(size, maxResults, include);
    }

    public ListOptions maxResults(long max) {
        return new ListOptions(pageSize, max, include);
    }

    public ListOptions include(String sideloads) {
        return new ListOptions(pageSize, maxResults, sideloads);
    }
}
