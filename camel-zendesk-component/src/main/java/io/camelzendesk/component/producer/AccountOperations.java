package io.camelzendesk.component.producer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.camelzendesk.api.ListOptions;
import io.camelzendesk.api.ResourceApi;
import io.camelzendesk.api.ZendeskApi;
import io.camelzendesk.api.ZendeskBodies;
import io.camelzendesk.api.ZendeskBulkException;
import io.camelzendesk.client.PageIterator;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.component.ZendeskOperation;
import io.camelzendesk.component.ZendeskResource;
import io.camelzendesk.model.BulkResult;
import io.camelzendesk.model.Ticket;
import io.camelzendesk.model.ZendeskObject;

import static io.camelzendesk.component.ZendeskResource.ARTICLES;
import static io.camelzendesk.component.ZendeskResource.SECTIONS;
import static io.camelzendesk.component.ZendeskResource.TICKETS;

/**
 * The operations of one resource on one account: maps an exchange's headers and body onto a call of the account's
 * {@link ZendeskApi}, and the result back. {@link ZendeskProducer} holds one per account it calls (the endpoint's,
 * and those named by the {@code CamelZendeskAccount} header).
 */
final class AccountOperations {

    private final ZendeskResource resource;
    private final ZendeskConfiguration config;
    private final ZendeskApi api;
    private final ResourceApi<?> calls;
    private final ExchangeArguments args;

    /** @param api the account's API, read with the endpoint's cache TTL and job timeout */
    AccountOperations(ZendeskResource resource, ZendeskConfiguration config, ZendeskApi api, ExchangeArguments args) {
        this.resource = resource;
        this.config = config;
        this.api = api;
        this.calls = api.resource(resource.api());
        this.args = args;
    }

    CompletableFuture<?> execute(ZendeskOperation given, Exchange ex) {
        ZendeskOperation op = oneOrMany(given, ex);
        if (op == ZendeskOperation.get && SHOW_MANY.contains(resource)) {
            List<Long> ids = args.ids(ex);
            if (ids != null) {
                return calls.showMany(ids).thenApply(list -> (Object) list);
            }
        }
        return switch (op) {
            case create -> created(ex, one(ex, create(ex)));
            case get -> get(ex);
            case update -> one(ex, update(ex));
            case delete -> reply(ex, calls.delete(args.id(ex, null)));
            case list -> list(ex, list(ex));
            case listActive -> list(ex, api.macros().listActive(listOptions()));
            case search -> list(ex, calls.search(args.query(ex), listOptions()));
            case createOrUpdate -> created(ex, one(ex, calls.createOrUpdate(args.object(ex))));
            case me -> one(ex, api.users().me());
            case createMany -> bulk(ex, calls.createMany(args.objects(ex)));
            case createOrUpdateMany -> bulk(ex, calls.createOrUpdateMany(args.objects(ex)));
            case updateMany -> bulk(ex, calls.updateMany(args.objects(ex)));
            case deleteMany -> bulk(ex, calls.deleteMany(ZendeskBodies.list(ex.getMessage().getBody(), "ids")));
            case addComment -> {
                Map<String, Object> comment = args.comment(ex);
                yield one(ex, config.isCoalesceUpdates() ? api.tickets().coalescedComment(args.ticketId(ex), comment)
                        : api.tickets().addComment(args.ticketId(ex), comment));
            }
            case listComments -> list(ex, api.tickets().listComments(args.ticketId(ex), listOptions()));
            case addTags -> reply(ex, calls.addTags(args.id(ex, null), args.tags(ex)));
            case setTags -> reply(ex, calls.setTags(args.id(ex, null), args.tags(ex)));
            case removeTags -> reply(ex, calls.removeTags(args.id(ex, null), args.tags(ex)));
            case updateTranslation -> updateTranslation(ex);
            case apply -> reply(ex, api.macros().apply(args.id(ex, null), args.macroTicket(ex)));
            case applyAndSave -> reply(ex, api.macros().applyAndSave(args.id(ex, null), args.macroTicket(ex)));
            case upload -> upload(ex);
        };
    }

    /** The resources Zendesk reads several of in one request ({@code show_many}). */
    private static final java.util.Set<ZendeskResource> SHOW_MANY = java.util.EnumSet.of(TICKETS,
            ZendeskResource.USERS, ZendeskResource.ORGANIZATIONS);

    /**
     * A list handed to create, update or createOrUpdate goes as the bulk operation (create_many, ...: 100 objects per
     * request and job) where the resource has one: one request per 100 objects instead of one per object.
     */
    private ZendeskOperation oneOrMany(ZendeskOperation op, Exchange ex) {
        ZendeskOperation many = switch (op) {
            case create -> ZendeskOperation.createMany;
            case update -> ZendeskOperation.updateMany;
            case createOrUpdate -> ZendeskOperation.createOrUpdateMany;
            default -> null;
        };
        return many != null && resource.operations().contains(many) && args.isMany(ex) ? many : op;
    }

    // ---- single objects

    private CompletableFuture<? extends ZendeskResponse<?>> create(Exchange ex) {
        Map<String, Object> obj = args.object(ex);
        if (resource == ARTICLES) {
            Object section = args.parentOrField(ex, obj, "section_id", "the section of the article");
            return api.helpCenter().createArticle(section, obj, args.locale(ex));
        }
        if (resource == SECTIONS) {
            Object category = args.parentOrField(ex, obj, "category_id", "the category of the section");
            return api.helpCenter().createSection(category, obj);
        }
        if (resource == TICKETS) {
            return api.tickets().create(obj, args.idempotencyKey(ex));
        }
        return calls.create(obj);
    }

    private CompletableFuture<? extends ZendeskResponse<?>> update(Exchange ex) {
        Map<String, Object> obj = args.object(ex);
        long id = args.id(ex, obj);
        if (config.isSafeUpdate() && resource == TICKETS) {
            Object stamp = ex.getMessage().getHeader(ZendeskConstants.UPDATED_STAMP);
            if (stamp == null) {
                stamp = obj.get("updated_stamp") != null ? obj.get("updated_stamp") : obj.get("updated_at");
            }
            if (stamp == null) {
                throw new IllegalArgumentException("safeUpdate=true needs the updated_at that was read: set header "
                                                   + ZendeskConstants.UPDATED_STAMP + " or keep updated_at in the body");
            }
            return api.tickets().safeUpdate(id, obj, stamp.toString(), config.isCoalesceUpdates());
        }
        return config.isCoalesceUpdates() && resource == TICKETS ? api.tickets().coalescedUpdate(id, obj)
                : calls.update(id, obj);
    }

    /** A get; with {@code include=} the side-loaded arrays of the answer go to the side-loads header. */
    private CompletableFuture<Object> get(Exchange ex) {
        long id = args.id(ex, null);
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
        Long parent = args.parentId(ex);
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

    // ---- bulk

    /** The job statuses go to their header, whether every item succeeded or not. */
    private static CompletableFuture<BulkResult> bulk(Exchange ex, CompletableFuture<BulkResult> call) {
        return call.whenComplete((result, failure) -> {
            BulkResult outcome = result != null ? result
                    : ZendeskProducer.cause(failure) instanceof ZendeskBulkException b ? b.getResult() : null;
            if (outcome != null) {
                ex.getMessage().setHeader(ZendeskConstants.JOB_STATUSES, outcome.jobs());
            }
        });
    }

    // ---- tickets: comments and tags

    // ---- Help Center, macros, uploads

    private CompletableFuture<Object> updateTranslation(Exchange ex) {
        Map<String, Object> translation = ZendeskBodies.object(ex.getMessage().getBody(), "translation");
        long id = args.id(ex, null);
        String locale = args.locale(ex);
        if (locale == null && translation.get("locale") != null) {
            locale = translation.get("locale").toString();
        }
        if (locale == null) {
            throw new IllegalArgumentException("updateTranslation needs a locale: set option locale, header "
                                               + ZendeskConstants.LOCALE + " or the body's locale");
        }
        return reply(ex, api.helpCenter().updateTranslation(id, locale, translation));
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

    private static void status(Exchange ex, ZendeskResponse<?> r) {
        ex.getMessage().setHeader(ZendeskConstants.RESPONSE_CODE, r.status());
    }

}
