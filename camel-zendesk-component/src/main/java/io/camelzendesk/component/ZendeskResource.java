package io.camelzendesk.component;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.camelzendesk.api.ApiResource;

import static io.camelzendesk.component.ZendeskOperation.*;

/**
 * The resources of the {@code zendesk:<resource>} URI: the name in the URI, the producer operations each supports,
 * and the API descriptor ({@link ApiResource}: paths, envelopes, model, search, incremental export) the calls go by.
 */
public enum ZendeskResource {

    TICKETS("tickets", ApiResource.TICKETS,
            create, get, update, delete, list, search, createMany, updateMany, deleteMany, addComment, listComments,
            addTags, setTags, removeTags),
    USERS("users", ApiResource.USERS,
            create, createOrUpdate, get, update, delete, list, search, me, createMany, createOrUpdateMany, addTags,
            setTags, removeTags),
    ORGANIZATIONS("organizations", ApiResource.ORGANIZATIONS,
            create, createOrUpdate, get, update, delete, list, search, createMany, addTags, setTags, removeTags),
    GROUPS("groups", ApiResource.GROUPS,
            create, get, update, delete, list),
    ARTICLES("articles", ApiResource.ARTICLES,
            create, get, update, updateTranslation, delete, list, search),
    SECTIONS("sections", ApiResource.SECTIONS,
            create, get, list),
    CATEGORIES("categories", ApiResource.CATEGORIES,
            create, get, list),
    MACROS("macros", ApiResource.MACROS,
            create, get, update, delete, list, listActive, apply, applyAndSave),
    TAGS("tags", ApiResource.TAGS,
            list),
    TICKET_FIELDS("ticket_fields", ApiResource.TICKET_FIELDS,
            create, get, update, delete, list),
    UPLOADS("uploads", ApiResource.UPLOADS,
            upload),
    TICKET_EVENTS("ticket_events", ApiResource.TICKET_EVENTS),
    /** Not an API resource: {@code from("zendesk:webhook")} receives Zendesk's webhook deliveries. */
    WEBHOOK("webhook", ApiResource.WEBHOOKS),
    /** Not an API resource: {@code from("zendesk:connect")} connects accounts (OAuth authorization code). */
    CONNECT("connect", null);

    private final String uriName;
    private final ApiResource<?> api;
    private final Set<ZendeskOperation> operations;

    ZendeskResource(String uriName, ApiResource<?> api, ZendeskOperation... operations) {
        this.uriName = uriName;
        this.api = api;
        this.operations = operations.length == 0
                ? EnumSet.noneOf(ZendeskOperation.class) : EnumSet.copyOf(Arrays.asList(operations));
    }

    /** The resource named in a URI, or an exception listing the valid names. */
    public static ZendeskResource fromUri(String name) {
        for (ZendeskResource r : values()) {
            if (r.uriName.equalsIgnoreCase(name) || r.uriName.replace("_", "").equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unknown Zendesk resource '" + name + "' (option resource). Valid: "
                + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(ZendeskResource::uriName).collect(Collectors.joining(", "));
    }

    /** The name used in URIs ({@code tickets}, {@code ticket_fields}, ...). */
    public String uriName() {
        return uriName;
    }

    /** The API descriptor: paths, envelopes, model, search and incremental export; null for connect. */
    public ApiResource<?> api() {
        return api;
    }

    /** How the resource is exported incrementally (the export consumer's path and pagination). */
    public ApiResource.Incremental.Style export() {
        return api == null ? ApiResource.Incremental.Style.NONE : api.incremental().style();
    }

    public Set<ZendeskOperation> operations() {
        return operations;
    }

    public boolean supports(ZendeskOperation op) {
        return operations.contains(op);
    }

    /** Fails with a message that lists what the resource supports. */
    public ZendeskOperation check(ZendeskOperation op) {
        if (!supports(op)) {
            throw new IllegalArgumentException("Operation '" + op + "' is not supported by resource '" + uriName
                    + "' (option operation). Supported: "
                    + operations.stream().map(Enum::name).collect(Collectors.joining(", ")));
        }
        return op;
    }

    @Override
    public String toString() {
        return uriName.toLowerCase(Locale.ROOT);
    }
}
