package io.camelzendesk.component.producer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

import io.camelzendesk.api.ListOptions;
import io.camelzendesk.api.ResourceApi;
import io.camelzendesk.api.ZendeskApi;
import io.camelzendesk.api.ZendeskBodies;
import io.camelzendesk.api.ZendeskBulkException;
import io.camelzendesk.client.PageIterator;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.component.ZendeskEndpoint;
import io.camelzendesk.component.ZendeskOperation;
import io.camelzendesk.component.ZendeskResource;
import io.camelzendesk.model.BulkResult;
import io.camelzendesk.model.Comment;
import io.camelzendesk.model.Ticket;
import io.camelzendesk.model.ZendeskObject;

import static io.camelzendesk.component.ZendeskResource.ARTICLES;
import static io.camelzendesk.component.ZendeskResource.SECTIONS;
import static io.camelzendesk.component.ZendeskResource.TICKETS;

/**
 * Performs the operation of an exchange on the endpoint's resource, asynchronously: no thread waits for Zendesk.
 * Dispatch and mapping only: the arguments come from the headers, options and body, the call is the typed
 * {@link ZendeskApi}'s, and its result goes back to the body and headers (response code, side-loads, job statuses,
 * the id of what was created).
 */
public class ZendeskProducer extends DefaultAsyncProducer {

    private final ZendeskEndpoint endpoint;
    private final ZendeskResource resource;
    private final ZendeskConfiguration config;
    private ZendeskApi api;
    private ResourceApi<?> calls;
    private Expression idempotencyKey;

    public ZendeskProducer(ZendeskEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.resource = endpoint.getZendeskResource();
        this.config = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // the account's API (one ticket-field cache), read with this endpoint's own cache TTL and job timeout
        api = endpoint.account().api()
                .withTicketFieldsMaxAge(Duration.ofMillis(config.getTicketFieldsCacheTtl()))
                .withJobTimeout(Duration.ofMillis(config.getBulkJobTimeout()));
        calls = api.resource(resource.api());
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
                exchange.setException(cause(failure));
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
            case create -> created(ex, one(ex, create(ex)));
            case get -> get(ex);
            case update -> one(ex, update(ex));
            case delete -> reply(ex, calls.delete(id(ex, null)));
            case list -> list(ex, list(ex));
            case listActive -> list(ex, api.macros().listActive(listOptions()));
            case search -> list(ex, calls.search(query(ex), listOptions()));
            case createOrUpdate -> created(ex, one(ex, calls.createOrUpdate(object(ex))));
            case me -> one(ex, api.users().me());
            case createMany -> bulk(ex, calls.createMany(objects(ex)));
            case createOrUpdateMany -> bulk(ex, calls.createOrUpdateMany(objects(ex)));
            case updateMany -> bulk(ex, calls.updateMany(objects(ex)));
            case deleteMany -> bulk(ex, calls.deleteMany(ZendeskBodies.list(ex.getMessage().getBody(), "ids")));
            case addComment -> {
                Map<String, Object> comment = comment(ex);
                yield one(ex, api.tickets().addComment(ticketId(ex), comment));
            }
            case listComments -> list(ex, api.tickets().listComments(ticketId(ex), listOptions()));
            case addTags -> reply(ex, calls.addTags(id(ex, null), tags(ex)));
            case setTags -> reply(ex, calls.setTags(id(ex, null), tags(ex)));
            case removeTags -> reply(ex, calls.removeTags(id(ex, null), tags(ex)));
            case updateTranslation -> updateTranslation(ex);
            case apply -> reply(ex, api.macros().apply(id(ex, null), macroTicket(ex)));
            case applyAndSave -> reply(ex, api.macros().applyAndSave(id(ex, null), macroTicket(ex)));
            case upload -> upload(ex);
        };
    }

    // ---- single objects

    private CompletableFuture<? extends ZendeskResponse<?>> create(Exchange ex) {
        Map<String, Object> obj = object(ex);
        if (resource == ARTICLES) {
            return api.helpCenter().createArticle(parentOrField(ex, obj, "section_id", "the section of the article"),
                    obj, locale(ex));
        }
        if (resource == SECTIONS) {
            return api.helpCenter().createSection(parentOrField(ex, obj, "category_id", "the category of the section"),
                    obj);
        }
        if (resource == TICKETS) {
            return api.tickets().create(obj, idempotencyKey(ex));
        }
        return calls.create(obj);
    }

    private CompletableFuture<? extends ZendeskResponse<?>> update(Exchange ex) {
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
            return api.tickets().safeUpdate(id, obj, stamp.toString());
        }
        return calls.update(id, obj);
    }

    /** A get; with {@code include=} the side-loaded arrays of the answer go to the side-loads header. */
    private CompletableFuture<Object> get(Exchange ex) {
        long id = id(ex, null);
        if (config.getInclude() == null) {
            return one(ex, calls.get(id));
        }
        return calls.get(id, config.getInclude()).thenCompose(r -> {
            status(ex, r);
            ex.getMessage().setHeader(ZendeskConstants.SIDELOADS, r.body().sideloads());
            return withCustomFieldsByName(ex, r.body().object());
        });
    }

    /** The answer of a single-object call: the model, the response code and the idempotency lookup headers. */
    private CompletableFuture<Object> one(Exchange ex, CompletableFuture<? extends ZendeskResponse<?>> call) {
        return call.thenCompose(r -> {
            status(ex, r);
            String lookup = r.header("x-idempotency-lookup");
            if (lookup != null) {
                ex.getMessage().setHeader(ZendeskConstants.IDEMPOTENCY_LOOKUP, lookup);
            }
            return withCustomFieldsByName(ex, r.body());
        });
    }

    /** The id of what a create made goes to the id header. */
    private static CompletableFuture<Object> created(Exchange ex, CompletableFuture<Object> call) {
        return call.thenApply(body -> {
            if (body instanceof ZendeskObject o && o.getId() != null) {
                ex.getMessage().setHeader(ZendeskConstants.ID, o.getId());
            }
            return body;
        });
    }

    /** The answer's body as it is, and its response code. */
    private static CompletableFuture<Object> reply(Exchange ex, CompletableFuture<? extends ZendeskResponse<?>> call) {
        return call.thenApply(r -> {
            status(ex, r);
            return r.body();
        });
    }

    private CompletableFuture<Object> withCustomFieldsByName(Exchange ex, Object body) {
        if (config.isCustomFieldsByName() && body instanceof Ticket t) {
            return api.ticketFields().byName(t.getCustomFields()).thenApply(byName -> {
                ex.getMessage().setHeader(ZendeskConstants.CUSTOM_FIELDS_BY_NAME, byName);
                return body;
            });
        }
        return CompletableFuture.completedFuture(body);
    }

    // ---- lists: the first page has arrived when the call completes

    private CompletableFuture<? extends PageIterator<?>> list(Exchange ex) {
        Long parent = optionalLong(ex, ZendeskConstants.PARENT_ID, config.getParentId());
        if (parent != null && resource == ARTICLES) {
            return api.helpCenter().listArticles(parent, listOptions());
        }
        if (parent != null && resource == SECTIONS) {
            return api.helpCenter().listSections(parent, listOptions());
        }
        return calls.list(listOptions());
    }

    private CompletableFuture<Object> list(Exchange ex, CompletableFuture<? extends PageIterator<?>> call) {
        return call.thenApply(it -> {
            if (config.getInclude() != null) {
                ex.getMessage().setHeader(ZendeskConstants.SIDELOADS, it.sideloads());
            }
            return it;
        });
    }

    private ListOptions listOptions() {
        return new ListOptions(config.getPageSize(), config.getMaxResults(), config.getInclude());
    }

    private String query(Exchange ex) {
        String query = ex.getMessage().getHeader(ZendeskConstants.QUERY, config.getQuery(), String.class);
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("search needs a query: set option query or header "
                                               + ZendeskConstants.QUERY);
        }
        return query;
    }

    // ---- bulk

    private List<Map<String, Object>> objects(Exchange ex) {
        return ZendeskBodies.objects(ex.getMessage().getBody(), resource.api().singular(), resource.api().plural());
    }

    /** The job statuses go to their header, whether every item succeeded or not. */
    private static CompletableFuture<BulkResult> bulk(Exchange ex, CompletableFuture<BulkResult> call) {
        return call.whenComplete((result, failure) -> {
            BulkResult outcome = result != null ? result
                    : cause(failure) instanceof ZendeskBulkException b ? b.getResult() : null;
            if (outcome != null) {
                ex.getMessage().setHeader(ZendeskConstants.JOB_STATUSES, outcome.jobs());
            }
        });
    }

    // ---- tickets: comments and tags

    private static Map<String, Object> comment(Exchange ex) {
        Object body = ZendeskBodies.parsed(ex.getMessage().getBody());
        return body instanceof String text ? new Comment(text, true).fields() : ZendeskBodies.object(body, "comment");
    }

    private static List<String> tags(Exchange ex) {
        Object tags = ex.getMessage().getHeader(ZendeskConstants.TAGS);
        if (tags == null) {
            tags = ex.getMessage().getBody();
        }
        List<String> list = ZendeskBodies.list(tags, "tags").stream().map(String::valueOf).toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("No tags: put them in the body or header " + ZendeskConstants.TAGS);
        }
        return list;
    }

    // ---- Help Center, macros, uploads

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
        return reply(ex, api.helpCenter().updateTranslation(id, locale, translation));
    }

    private long macroTicket(Exchange ex) {
        return requireLong(ex, ZendeskConstants.PARENT_ID, config.getParentId(), "the ticket to apply the macro to");
    }

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
        return reply(ex, api.uploads().upload(fileName, bytes, contentType));
    }

    // ---- arguments

    private Map<String, Object> object(Exchange ex) {
        return ZendeskBodies.object(ex.getMessage().getBody(), resource.api().singular());
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

    private static Long optionalLong(Exchange ex, String header, Long option) {
        Long fromHeader = ex.getMessage().getHeader(header, Long.class);
        return fromHeader != null ? fromHeader : option;
    }

    private static long requireLong(Exchange ex, String header, Long option, String what) {
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

    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
