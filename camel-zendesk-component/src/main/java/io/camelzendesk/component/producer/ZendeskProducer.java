package io.camelzendesk.component.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

import io.camelzendesk.client.FieldReader;
import io.camelzendesk.client.PageIterator;
import io.camelzendesk.client.PageReader;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.model.Comment;
import io.camelzendesk.model.Ticket;
import io.camelzendesk.model.Translation;
import io.camelzendesk.model.Upload;

import static io.camelzendesk.component.ZendeskResource.ARTICLES;
import static io.camelzendesk.component.ZendeskResource.SECTIONS;
import static io.camelzendesk.component.ZendeskResource.TICKETS;
import io.camelzendesk.component.RepeatableWrites;
import io.camelzendesk.component.ZendeskBodies;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.component.ZendeskBulkException;
import io.camelzendesk.component.CustomFieldResolver;
import io.camelzendesk.component.ZendeskOperation;
import io.camelzendesk.component.ZendeskResource;
import io.camelzendesk.component.BulkOperations;
import io.camelzendesk.component.ZendeskEndpoint;

/**
 * Performs the operation of an exchange on the endpoint's resource, asynchronously: no thread waits for Zendesk.
 * One implementation for every resource, driven by {@link ZendeskResource}.
 */
public class ZendeskProducer extends DefaultAsyncProducer {

    /** Zendesk's search API returns at most 1,000 results (page 11 of 100 is refused). */
    private static final int SEARCH_LIMIT = 1000;

    /** Fields of a macro preview's ticket that an update must not send back. */
    private static final java.util.Set<String> APPLY_READ_ONLY = java.util.Set.of("id", "url", "created_at",
            "updated_at", "generated_timestamp", "via", "satisfaction_rating", "description", "fields",
            "has_incidents", "is_public", "allow_channelback", "allow_attachments", "from_messaging_channel",
            "sharing_agreement_ids", "followup_ids", "encoded_id");

    private final ZendeskEndpoint endpoint;
    private final ZendeskResource resource;
    private final ZendeskConfiguration config;
    /** Reads {@code {singular: {...}}} answers into the resource's model; built once, used by every request. */
    private final FieldReader<? extends io.camelzendesk.model.ZendeskObject> singleReader;
    private ZendeskClient client;
    private Expression idempotencyKey;
    private CustomFieldResolver customFields;
    private BulkOperations bulk;

    public ZendeskProducer(ZendeskEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.resource = endpoint.getZendeskResource();
        this.config = endpoint.getConfiguration();
        this.singleReader = new FieldReader<>(resource.singular(), resource.modelType());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client = endpoint.client();
        customFields = endpoint.account().customFields(Duration.ofMillis(config.getTicketFieldsCacheTtl()));
        bulk = new BulkOperations(client, Duration.ofMillis(config.getBulkJobTimeout()));
        if (config.getIdempotencyKey() != null) {
            idempotencyKey = getEndpoint().getCamelContext().resolveLanguage("simple")
                    .createExpression(config.getIdempotencyKey());
        }
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletableFuture<?> result;
        try {
            result = execute(operation(exchange), exchange);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        result.whenComplete((body, failure) -> {
            if (failure != null) {
                Throwable cause = failure;
                while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                exchange.setException(cause);
            } else {
                exchange.getMessage().setBody(body);
            }
            callback.done(false);
        });
        return false;
    }

    private ZendeskOperation operation(Exchange exchange) {
        String fromHeader = exchange.getMessage().getHeader(ZendeskConstants.OPERATION, String.class);
        String name = fromHeader != null ? fromHeader : config.getOperation();
        if (name == null) {
            throw new IllegalArgumentException("No operation: set option operation or header "
                                               + ZendeskConstants.OPERATION + ". Resource '" + resource.uriName()
                                               + "' supports: " + resource.operations());
        }
        return resource.check(ZendeskResource.operation(name));
    }

    private CompletableFuture<?> execute(ZendeskOperation op, Exchange ex) {
        return switch (op) {
            case create -> create(ex);
            case get -> get(ex);
            case update -> update(ex);
            case delete -> delete(ex);
            case list -> list(ex, listPath(ex), resource.plural(), resource.modelType());
            case listActive -> list(ex, resource.path() + "/active", resource.plural(), resource.modelType());
            case search -> search(ex);
            case createOrUpdate -> createOrUpdate(ex);
            case me -> one(ex, ZendeskRequest.get(resource.path() + "/me"));
            case createMany -> bulk(ex, ZendeskRequest::post, "/create_many");
            case createOrUpdateMany -> bulk(ex, ZendeskRequest::post, "/create_or_update_many");
            case updateMany -> bulk(ex, ZendeskRequest::put, "/update_many");
            case deleteMany -> deleteMany(ex);
            case addComment -> addComment(ex);
            case listComments -> list(ex, TICKETS.path() + "/" + ticketId(ex) + "/comments", "comments",
                    Comment.class);
            case addTags -> tags(ex, ZendeskRequest.put(item(ex) + "/tags").repeatable(true));
            case setTags -> tags(ex, ZendeskRequest.post(item(ex) + "/tags").repeatable(true));
            case removeTags -> tags(ex, ZendeskRequest.delete(item(ex) + "/tags"));
            case updateTranslation -> updateTranslation(ex);
            case apply -> applyMacro(ex);
            case applyAndSave -> applyMacro(ex).thenCompose(ticket -> saveAppliedMacro(ex, ticket));
            case upload -> upload(ex);
        };
    }

    // ---- single objects

    private CompletableFuture<Object> create(Exchange ex) {
        Map<String, Object> obj = object(ex);
        String path = resource.path();
        if (resource == ARTICLES) {
            path = SECTIONS.path() + "/" + parentOrField(ex, obj, "section_id", "the section of the article") + "/articles";
            String locale = locale(ex);
            if (locale != null) {
                obj.putIfAbsent("locale", locale);
            }
        } else if (resource == SECTIONS) {
            path = ZendeskResource.CATEGORIES.path() + "/"
                   + parentOrField(ex, obj, "category_id", "the category of the section") + "/sections";
        }
        String finalPath = path;
        return resolveCustomFields(obj).thenCompose(v -> {
            ZendeskRequest.Builder request = ZendeskRequest.post(finalPath)
                    .json(ZendeskBodies.envelope(resource.singular(), obj)).repeatable(false);
            if (resource == TICKETS) {
                request.idempotencyKey(RepeatableWrites.ticketCreateKey(idempotencyKey(ex)));
            }
            return one(ex, request);
        });
    }

    private CompletableFuture<Object> update(Exchange ex) {
        Map<String, Object> obj = object(ex);
        long id = id(ex, obj);
        if (config.isSafeUpdate() && resource == TICKETS) {
            Object stamp = ex.getMessage().getHeader(ZendeskConstants.UPDATED_STAMP);
            if (stamp == null) {
                stamp = obj.get("updated_stamp") != null ? obj.get("updated_stamp") : obj.get("updated_at");
            }
            if (stamp == null) {
                throw new IllegalArgumentException("safeUpdate=true needs the updated_at that was read: set header "
                                                   + ZendeskConstants.UPDATED_STAMP + " or keep updated_at in the body");
            }
            obj.put("safe_update", true);
            obj.put("updated_stamp", stamp.toString());
            obj.remove("updated_at");
        }
        boolean repeatable = resource != TICKETS || RepeatableWrites.ticketUpdate(obj);
        return resolveCustomFields(obj).thenCompose(v -> one(ex, ZendeskRequest.put(resource.path() + "/" + id)
                .json(ZendeskBodies.envelope(resource.singular(), obj)).repeatable(repeatable)));
    }

    private CompletableFuture<Object> createOrUpdate(Exchange ex) {
        Map<String, Object> obj = object(ex);
        return one(ex, ZendeskRequest.post(resource.path() + "/create_or_update")
                .json(ZendeskBodies.envelope(resource.singular(), obj))
                .repeatable(RepeatableWrites.upsert(resource, obj)));
    }

    /** A get; with {@code include=} the side-loaded arrays of the answer go to the side-loads header. */
    @SuppressWarnings("unchecked")
    private CompletableFuture<Object> get(Exchange ex) {
        ZendeskRequest.Builder request = ZendeskRequest.get(item(ex));
        if (config.getInclude() == null) {
            return one(ex, request);
        }
        request.query("include", config.getInclude());
        return client.send(request.build(), in -> (Map<String, Object>) ZendeskJson.MAPPER.readValue(in, Map.class))
                .thenCompose(r -> {
                    status(ex, r);
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
                    ex.getMessage().setHeader(ZendeskConstants.SIDELOADS, sideloads);
                    return withCustomFieldsByName(ex,
                            ZendeskJson.MAPPER.convertValue(r.body().get(resource.singular()), resource.modelType()));
                });
    }

    private CompletableFuture<Object> delete(Exchange ex) {
        return client.send(ZendeskRequest.delete(item(ex)).build(), io.camelzendesk.client.BodyReader.DISCARD)
                .thenApply(r -> {
                    status(ex, r);
                    return null;
                });
    }

    /** Sends a request answered by {@code {singular: {...}}} and returns the model. */
    private CompletableFuture<Object> one(Exchange ex, ZendeskRequest.Builder request) {
        return client.send(request.build(), singleReader)
                .thenCompose(r -> {
                    status(ex, r);
                    String lookup = r.header("x-idempotency-lookup");
                    if (lookup != null) {
                        ex.getMessage().setHeader(ZendeskConstants.IDEMPOTENCY_LOOKUP, lookup);
                    }
                    return withCustomFieldsByName(ex, r.body());
                });
    }

    private CompletableFuture<Object> withCustomFieldsByName(Exchange ex, Object body) {
        if (config.isCustomFieldsByName() && body instanceof Ticket t) {
            return customFields.byName(t.getCustomFields()).thenApply(byName -> {
                ex.getMessage().setHeader(ZendeskConstants.CUSTOM_FIELDS_BY_NAME, byName);
                return body;
            });
        }
        return CompletableFuture.completedFuture(body);
    }

    private CompletableFuture<Void> resolveCustomFields(Map<String, Object> obj) {
        return resource == TICKETS ? customFields.resolve(obj) : CompletableFuture.completedFuture(null);
    }

    // ---- lists

    private String listPath(Exchange ex) {
        Long parent = optionalLong(ex, ZendeskConstants.PARENT_ID, config.getParentId());
        if (parent != null && resource == ARTICLES) {
            return SECTIONS.path() + "/" + parent + "/articles";
        }
        if (parent != null && resource == SECTIONS) {
            return ZendeskResource.CATEGORIES.path() + "/" + parent + "/sections";
        }
        return resource.path();
    }

    private <T> CompletableFuture<Object> list(Exchange ex, String path, String root, Class<T> type) {
        ZendeskRequest request = ZendeskRequest.get(path).query("page[size]", config.getPageSize())
                .query("include", config.getInclude()).build();
        return iterate(ex, request, root, type, config.getMaxResults());
    }

    private <T> CompletableFuture<Object> iterate(Exchange ex, ZendeskRequest request, String root, Class<T> type,
            long maxResults) {
        PageIterator<T> it = client.paginate(request, new PageReader<>(root, type, config.getInclude() != null),
                maxResults);
        if (config.getInclude() != null) {
            ex.getMessage().setHeader(ZendeskConstants.SIDELOADS, it.sideloads());
        }
        return CompletableFuture.completedFuture(it);
    }

    private CompletableFuture<Object> search(Exchange ex) {
        String query = ex.getMessage().getHeader(ZendeskConstants.QUERY, config.getQuery(), String.class);
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("search needs a query: set option query or header "
                                               + ZendeskConstants.QUERY);
        }
        long max = config.getMaxResults() > 0 ? Math.min(config.getMaxResults(), SEARCH_LIMIT) : SEARCH_LIMIT;
        if (resource == ARTICLES) {
            return iterate(ex, ZendeskRequest.get(ARTICLES.path() + "/search").query("query", query)
                    .query("per_page", config.getPageSize()).build(), "results", resource.modelType(), max);
        }
        String q = query.contains("type:") ? query : "type:" + resource.searchType() + " " + query;
        return iterate(ex, ZendeskRequest.get("/api/v2/search").query("query", q)
                .query("per_page", config.getPageSize()).query("include", config.getInclude()).build(), "results",
                resource.modelType(), max);
    }

    // ---- bulk

    private CompletableFuture<Object> bulk(Exchange ex, Function<String, ZendeskRequest.Builder> method, String suffix) {
        List<Map<String, Object>> items = ZendeskBodies.objects(ex.getMessage().getBody(), resource.singular(),
                resource.plural());
        CompletableFuture<?>[] resolving = items.stream().map(this::resolveCustomFields)
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(resolving).thenCompose(v -> bulk.run(items,
                chunk -> method.apply(resource.path() + suffix).json(ZendeskBodies.envelope(resource.plural(), chunk))
                        .repeatable(false).build()))
                .thenApply(result -> bulkOutcome(ex, result));
    }

    private CompletableFuture<Object> deleteMany(Exchange ex) {
        List<Object> ids = ZendeskBodies.list(ex.getMessage().getBody(), "ids");
        return bulk.run(ids, chunk -> ZendeskRequest.delete(resource.path() + "/destroy_many")
                .query("ids", String.join(",", chunk.stream().map(String::valueOf).toList())).repeatable(false).build())
                .thenApply(result -> bulkOutcome(ex, result));
    }

    private Object bulkOutcome(Exchange ex, io.camelzendesk.model.BulkResult result) {
        ex.getMessage().setHeader(ZendeskConstants.JOB_STATUSES, result.jobs());
        if (result.hasFailures()) {
            throw new ZendeskBulkException(result.failures().size() + " of " + result.items().size() + " "
                                           + resource.plural() + " failed: " + result.failures(), result);
        }
        return result;
    }

    // ---- tickets: comments and tags

    private CompletableFuture<Object> addComment(Exchange ex) {
        Object body = ZendeskBodies.parsed(ex.getMessage().getBody());
        Map<String, Object> comment;
        if (body instanceof String text) {
            comment = new Comment(text, true).fields();
        } else {
            comment = ZendeskBodies.object(body, "comment");
        }
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("comment", comment);
        return one(ex, ZendeskRequest.put(TICKETS.path() + "/" + ticketId(ex))
                .json(ZendeskBodies.envelope("ticket", ticket)).repeatable(false));
    }

    private CompletableFuture<Object> tags(Exchange ex, ZendeskRequest.Builder request) {
        Object tags = ex.getMessage().getHeader(ZendeskConstants.TAGS);
        if (tags == null) {
            tags = ex.getMessage().getBody();
        }
        List<String> list = ZendeskBodies.list(tags, "tags").stream().map(String::valueOf).toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("No tags: put them in the body or header " + ZendeskConstants.TAGS);
        }
        return client.send(request.json(ZendeskBodies.envelope("tags", list)).build(),
                new FieldReader<>("tags", ZendeskJson.MAPPER.getTypeFactory()
                        .constructCollectionType(List.class, String.class)))
                .thenApply(r -> {
                    status(ex, r);
                    return r.body();
                });
    }

    // ---- Help Center

    private CompletableFuture<Object> updateTranslation(Exchange ex) {
        Map<String, Object> translation = ZendeskBodies.object(ex.getMessage().getBody(), "translation");
        long id = id(ex, null);
        String locale = locale(ex);
        if (locale == null && translation.get("locale") != null) {
            locale = translation.get("locale").toString();
        }
        if (locale == null) {
            throw new IllegalArgumentException("updateTranslation needs a locale: set option locale, header "
                                               + ZendeskConstants.LOCALE + " or the body's locale");
        }
        String path = ARTICLES.path() + "/" + id + "/translations/" + ZendeskClient.encode(locale);
        return client.send(ZendeskRequest.put(path).json(ZendeskBodies.envelope("translation", translation))
                .repeatable(true).build(),
                new FieldReader<>("translation", Translation.class)).thenApply(r -> {
                    status(ex, r);
                    return r.body();
                });
    }

    // ---- macros

    /** The ticket as the macro would leave it (with the comment it would add); the ticket itself is unchanged. */
    @SuppressWarnings("unchecked")
    private CompletableFuture<Ticket> applyMacro(Exchange ex) {
        long macroId = id(ex, null);
        long ticketId = requireLong(ex, ZendeskConstants.PARENT_ID, config.getParentId(),
                "the ticket to apply the macro to");
        String path = TICKETS.path() + "/" + ticketId + "/macros/" + macroId + "/apply";
        return client.send(ZendeskRequest.get(path).build(), new FieldReader<>("result", Map.class)).thenApply(r -> {
            status(ex, r);
            Map<String, Object> result = r.body();
            Ticket ticket = ZendeskJson.MAPPER.convertValue(result.get("ticket"), Ticket.class);
            if (result.get("comment") instanceof Map<?, ?> c) {
                ticket.setComment(ZendeskJson.MAPPER.convertValue(c, Comment.class));
            }
            return ticket;
        });
    }

    private CompletableFuture<Object> saveAppliedMacro(Exchange ex, Ticket applied) {
        Map<String, Object> ticket = new LinkedHashMap<>(applied.fields());
        // the read-only fields of the preview (Zendesk's ticket JSON format) are not sent back; "fields" is an alias
        // of custom_fields
        ticket.keySet().removeAll(APPLY_READ_ONLY);
        if (ticket.get("comment") instanceof Comment c) {
            Map<String, Object> comment = new LinkedHashMap<>(c.fields());
            comment.remove("scoped_body");
            if (comment.get("html_body") != null) {
                comment.remove("body");
            }
            ticket.put("comment", comment);
        }
        long ticketId = requireLong(ex, ZendeskConstants.PARENT_ID, config.getParentId(), "the ticket");
        return client.send(ZendeskRequest.put(TICKETS.path() + "/" + ticketId)
                .json(ZendeskBodies.envelope("ticket", ticket)).repeatable(RepeatableWrites.ticketUpdate(ticket)).build(),
                new FieldReader<>("ticket", Ticket.class))
                .thenApply(r -> {
                    status(ex, r);
                    return r.body();
                });
    }

    // ---- uploads

    private CompletableFuture<Object> upload(Exchange ex) {
        Message in = ex.getMessage();
        String fileName = in.getHeader(ZendeskConstants.FILE_NAME, String.class);
        if (fileName == null) {
            fileName = in.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        }
        if (fileName == null && in.getHeader(Exchange.FILE_NAME, String.class) != null) {
            // CamelFileName may be a relative path: Zendesk gets the name only
            fileName = in.getHeader(Exchange.FILE_NAME, String.class).replaceAll(".*[/\\\\]", "");
        }
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("upload needs a file name: set header " + ZendeskConstants.FILE_NAME);
        }
        byte[] bytes = in.getBody(byte[].class);
        if (bytes == null) {
            throw new IllegalArgumentException("upload needs the file's bytes in the message body");
        }
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, "application/binary", String.class);
        return client.send(ZendeskRequest.post(resource.path()).query("filename", fileName)
                .body(bytes, contentType).repeatable(true).build(), new FieldReader<>("upload", Upload.class))
                .thenApply(r -> {
                    status(ex, r);
                    return r.body();
                });
    }

    // ---- arguments

    private Map<String, Object> object(Exchange ex) {
        return ZendeskBodies.object(ex.getMessage().getBody(), resource.singular());
    }

    private String item(Exchange ex) {
        return resource.path() + "/" + id(ex, null);
    }

    /** The id from the header, the option, or the body's {@code id}; fails before any request without one. */
    private long id(Exchange ex, Map<String, Object> body) {
        Long id = optionalLong(ex, ZendeskConstants.ID, config.getId());
        if (id == null && body != null && body.get("id") != null) {
            id = Long.valueOf(body.get("id").toString());
        }
        if (id == null) {
            throw new IllegalArgumentException("No id for " + resource.uriName() + ": set header "
                                               + ZendeskConstants.ID + " or option id"
                                               + (body != null ? ", or id in the body" : ""));
        }
        return id;
    }

    /** The ticket of a comment operation: the parent id, else the id. */
    private long ticketId(Exchange ex) {
        Long parent = optionalLong(ex, ZendeskConstants.PARENT_ID, config.getParentId());
        return parent != null ? parent : id(ex, null);
    }

    private Object parentOrField(Exchange ex, Map<String, Object> body, String field, String what) {
        Long parent = optionalLong(ex, ZendeskConstants.PARENT_ID, config.getParentId());
        if (parent != null) {
            return parent;
        }
        if (body.get(field) != null) {
            return body.get(field);
        }
        throw new IllegalArgumentException("No " + what + ": set header " + ZendeskConstants.PARENT_ID
                                           + ", option parentId, or " + field + " in the body");
    }

    private Long optionalLong(Exchange ex, String header, Long option) {
        Long fromHeader = ex.getMessage().getHeader(header, Long.class);
        return fromHeader != null ? fromHeader : option;
    }

    private long requireLong(Exchange ex, String header, Long option, String what) {
        Long v = optionalLong(ex, header, option);
        if (v == null) {
            throw new IllegalArgumentException("No id of " + what + ": set header " + header + " or option "
                                               + (header.equals(ZendeskConstants.PARENT_ID) ? "parentId" : "id"));
        }
        return v;
    }

    private String locale(Exchange ex) {
        return ex.getMessage().getHeader(ZendeskConstants.LOCALE, config.getLocale(), String.class);
    }

    private String idempotencyKey(Exchange ex) {
        String key = ex.getMessage().getHeader(ZendeskConstants.IDEMPOTENCY_KEY, String.class);
        if (key == null && idempotencyKey != null) {
            key = idempotencyKey.evaluate(ex, String.class);
        }
        return key == null || key.isBlank() ? null : key;
    }

    private static void status(Exchange ex, ZendeskResponse<?> r) {
        ex.getMessage().setHeader(ZendeskConstants.RESPONSE_CODE, r.status());
    }
}
