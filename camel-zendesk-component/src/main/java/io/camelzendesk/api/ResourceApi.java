package io.camelzendesk.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.camelzendesk.client.BodyReader;
import io.camelzendesk.client.FieldReader;
import io.camelzendesk.client.PageIterator;
import io.camelzendesk.client.PageReader;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.model.BulkResult;
import io.camelzendesk.model.ZendeskObject;

/**
 * The calls every resource of {@link ApiResource} shares, driven by its descriptor: create, get, update, delete,
 * list, search, upsert, bulk and tags. Each call knows its path, its envelope and whether it may be repeated
 * ({@link RepeatableWrites}). Lists send their first page when called: the future completes with the iterator
 * once it has arrived (a refused list fails the future), later pages are fetched as the iteration reaches them.
 *
 * @param <T> the resource's model
 */
public class ResourceApi<T extends ZendeskObject> {

    /** Zendesk's search API returns at most 1,000 results (page 11 of 100 is refused). */
    static final int SEARCH_LIMIT = 1000;

    protected final ZendeskApi api;
    protected final ZendeskClient client;
    protected final ApiResource<T> resource;
    private final FieldReader<T> one;

    ResourceApi(ZendeskApi api, ApiResource<T> resource) {
        this.api = api;
        this.client = api.client();
        this.resource = resource;
        this.one = new FieldReader<>(resource.singular(), resource.modelType());
    }

    public ApiResource<T> resource() {
        return resource;
    }

    /** {@code POST} one object; not repeated (a second request would create a second object). */
    public CompletableFuture<ZendeskResponse<T>> create(Map<String, Object> object) {
        return create(resource.path(), object);
    }

    CompletableFuture<ZendeskResponse<T>> create(String path, Map<String, Object> object) {
        return prepare(object).thenCompose(v -> send(ZendeskRequest.post(path)
                .json(ZendeskBodies.envelope(resource.singular(), object)).repeatable(false)));
    }

    public CompletableFuture<ZendeskResponse<T>> get(long id) {
        return send(ZendeskRequest.get(resource.path(id)));
    }

    /** A get with {@code include=}: the object and the side-loaded arrays of the answer. */
    @SuppressWarnings("unchecked")
    public CompletableFuture<ZendeskResponse<Sideloaded<T>>> get(long id, String include) {
        ZendeskRequest request = ZendeskRequest.get(resource.path(id)).query("include", include).build();
        return client.send(request, in -> (Map<String, Object>) ZendeskJson.MAPPER.readValue(in, Map.class))
                .thenApply(r -> {
                    Map<String, Map<Object, Map<String, Object>>> sideloads = new LinkedHashMap<>();
                    r.body().forEach((name, value) -> {
                        if (!name.equals(resource.singular()) && value instanceof List<?> list) {
                            Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
                            for (Object o : list) {
                                if (o instanceof Map<?, ?> m) {
                                    byId.put(m.get("id"), (Map<String, Object>) m);
                                }
                            }
                            sideloads.put(name, byId);
                        }
                    });
                    T object = ZendeskJson.MAPPER.convertValue(r.body().get(resource.singular()), resource.modelType());
                    return new ZendeskResponse<>(r.status(), r.headers(), new Sideloaded<>(object, sideloads));
                });
    }

    /** {@code PUT} the given fields; repeatable (the same fields set twice) unless {@link #repeatable} says not. */
    public CompletableFuture<ZendeskResponse<T>> update(long id, Map<String, Object> object) {
        return prepare(object).thenCompose(v -> send(ZendeskRequest.put(resource.path(id))
                .json(ZendeskBodies.envelope(resource.singular(), object)).repeatable(repeatable(object))));
    }

    /**
     * {@code show_many}: the objects of these ids, 100 per request (Zendesk's limit), in the order Zendesk answers;
     * an id that no longer exists is absent. Tickets, users and organizations.
     */
    public CompletableFuture<List<T>> showMany(List<Long> ids) {
        PageReader<T> reader = new PageReader<>(resource.plural(), resource.modelType(), false);
        CompletableFuture<List<T>> chain = CompletableFuture.completedFuture(new java.util.ArrayList<>(ids.size()));
        for (int from = 0; from < ids.size(); from += BulkOperations.MAX_ITEMS) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + BulkOperations.MAX_ITEMS));
            ZendeskRequest request = ZendeskRequest.get(resource.path() + "/show_many")
                    .query("ids", chunk.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")))
                    .build();
            chain = chain.thenCompose(all -> client.send(request, reader).thenApply(r -> {
                all.addAll(r.body().items());
                return all;
            }));
        }
        return chain;
    }

    public CompletableFuture<ZendeskResponse<Void>> delete(long id) {
        return client.send(ZendeskRequest.delete(resource.path(id)).build(), BodyReader.DISCARD);
    }

    /** {@code create_or_update}: repeatable only when the object names a key to match on (else it creates). */
    public CompletableFuture<ZendeskResponse<T>> createOrUpdate(Map<String, Object> object) {
        return send(ZendeskRequest.post(resource.path() + "/create_or_update")
                .json(ZendeskBodies.envelope(resource.singular(), object))
                .repeatable(RepeatableWrites.upsert(resource, object)));
    }

    public CompletableFuture<PageIterator<T>> list(ListOptions options) {
        return list(resource.path(), options);
    }

    CompletableFuture<PageIterator<T>> list(String path, ListOptions options) {
        return list(ZendeskRequest.get(path).query("page[size]", options.pageSize())
                .query("include", options.include()).build(), resource.plural(), resource.modelType(),
                options.include() != null, options.maxResults());
    }

    <E> CompletableFuture<PageIterator<E>> list(ZendeskRequest first, String root, Class<E> type,
            boolean sideloads, long maxResults) {
        return client.list(first, new PageReader<>(root, type, sideloads), maxResults);
    }

    /**
     * Searches the resource: Support's search API with {@code type:<resource>} added when the query names no type,
     * or Help Center's article search. At most 1,000 results (Zendesk's limit).
     */
    public CompletableFuture<PageIterator<T>> search(String query, ListOptions options) {
        if (resource.searchPath() == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(resource + " cannot be searched"));
        }
        long max = options.maxResults() > 0 ? Math.min(options.maxResults(), SEARCH_LIMIT) : SEARCH_LIMIT;
        ZendeskRequest.Builder request = ZendeskRequest.get(resource.searchPath()).query("per_page", options.pageSize());
        if (resource.searchType() != null) {
            String q = query.contains("type:") ? query : "type:" + resource.searchType() + " " + query;
            request.query("query", q).query("include", options.include());
        } else {
            request.query("query", query);
        }
        return list(request.build(), "results", resource.modelType(), options.include() != null, max);
    }

    // ---- bulk: a job per 100 items, each followed to its end (JobsApi); a failed item fails the call

    public CompletableFuture<BulkResult> createMany(List<Map<String, Object>> objects) {
        return bulk(objects, ZendeskRequest::post, "/create_many");
    }

    public CompletableFuture<BulkResult> createOrUpdateMany(List<Map<String, Object>> objects) {
        return bulk(objects, ZendeskRequest::post, "/create_or_update_many");
    }

    public CompletableFuture<BulkResult> updateMany(List<Map<String, Object>> objects) {
        return bulk(objects, ZendeskRequest::put, "/update_many");
    }

    public CompletableFuture<BulkResult> deleteMany(List<?> ids) {
        return api.jobs().run(ids, chunk -> ZendeskRequest.delete(resource.path() + "/destroy_many")
                .query("ids", String.join(",", chunk.stream().map(String::valueOf).toList())).repeatable(false)
                .build()).thenApply(this::checked);
    }

    private CompletableFuture<BulkResult> bulk(List<Map<String, Object>> objects,
            Function<String, ZendeskRequest.Builder> method, String suffix) {
        CompletableFuture<?>[] preparing = objects.stream().map(this::prepare).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(preparing).thenCompose(v -> api.jobs().run(objects,
                chunk -> method.apply(resource.path() + suffix).json(ZendeskBodies.envelope(resource.plural(), chunk))
                        .repeatable(false).build()))
                .thenApply(this::checked);
    }

    private BulkResult checked(BulkResult result) {
        if (result.hasFailures()) {
            throw new ZendeskBulkException(result.failures().size() + " of " + result.items().size() + " "
                                           + resource.plural() + " failed: " + result.failures(), result);
        }
        return result;
    }

    // ---- tags of one object (tickets, users, organizations): all repeatable

    public CompletableFuture<ZendeskResponse<List<String>>> addTags(long id, List<String> tags) {
        return tags(ZendeskRequest.put(resource.path(id) + "/tags").repeatable(true), tags);
    }

    public CompletableFuture<ZendeskResponse<List<String>>> setTags(long id, List<String> tags) {
        return tags(ZendeskRequest.post(resource.path(id) + "/tags").repeatable(true), tags);
    }

    public CompletableFuture<ZendeskResponse<List<String>>> removeTags(long id, List<String> tags) {
        return tags(ZendeskRequest.delete(resource.path(id) + "/tags"), tags);
    }

    private CompletableFuture<ZendeskResponse<List<String>>> tags(ZendeskRequest.Builder request, List<String> tags) {
        if (tags.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("No tags"));
        }
        return client.send(request.json(ZendeskBodies.envelope("tags", tags)).build(),
                new FieldReader<>("tags", ZendeskJson.MAPPER.getTypeFactory()
                        .constructCollectionType(List.class, String.class)));
    }

    // ---- hooks of the areas with rules of their own

    /** Prepares an object before it is written (tickets resolve custom fields by name). */
    CompletableFuture<Void> prepare(Map<String, Object> object) {
        return CompletableFuture.completedFuture(null);
    }

    /** Whether an update with this body may be sent twice. */
    boolean repeatable(Map<String, Object> object) {
        return true;
    }

    /** Sends a request answered by {@code {singular: {...}}}. */
    CompletableFuture<ZendeskResponse<T>> send(ZendeskRequest.Builder request) {
        return client.send(request.build(), one);
    }
}
