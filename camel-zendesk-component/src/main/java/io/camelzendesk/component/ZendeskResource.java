package io.camelzendesk.component;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.camelzendesk.model.Article;
import io.camelzendesk.model.Category;
import io.camelzendesk.model.Group;
import io.camelzendesk.model.Macro;
import io.camelzendesk.model.Organization;
import io.camelzendesk.model.Section;
import io.camelzendesk.model.Tag;
import io.camelzendesk.model.Ticket;
import io.camelzendesk.model.TicketEvent;
import io.camelzendesk.model.TicketField;
import io.camelzendesk.model.Upload;
import io.camelzendesk.model.User;
import io.camelzendesk.model.ZendeskObject;

import static io.camelzendesk.component.ZendeskOperation.*;

/**
 * The table that drives the component: for each resource of the {@code zendesk:<resource>} URI, its API path, the
 * JSON root names, the model class, the producer operations it supports and how it is exported incrementally.
 */
public enum ZendeskResource {

    TICKETS("tickets", "/api/v2/tickets", "ticket", "tickets", Ticket.class, "ticket",
            Export.CURSOR, "/api/v2/incremental/tickets/cursor.json",
            create, get, update, delete, list, search, createMany, updateMany, deleteMany, addComment, listComments,
            addTags, setTags, removeTags),
    USERS("users", "/api/v2/users", "user", "users", User.class, "user",
            Export.CURSOR, "/api/v2/incremental/users/cursor.json",
            create, createOrUpdate, get, update, delete, list, search, me, createMany, createOrUpdateMany, addTags,
            setTags, removeTags),
    ORGANIZATIONS("organizations", "/api/v2/organizations", "organization", "organizations", Organization.class,
            "organization", Export.TIME, "/api/v2/incremental/organizations.json",
            create, createOrUpdate, get, update, delete, list, search, createMany, addTags, setTags, removeTags),
    GROUPS("groups", "/api/v2/groups", "group", "groups", Group.class, null, Export.NONE, null,
            create, get, update, delete, list),
    ARTICLES("articles", "/api/v2/help_center/articles", "article", "articles", Article.class, null,
            Export.TIME, "/api/v2/help_center/incremental/articles.json",
            create, get, update, updateTranslation, delete, list, search),
    SECTIONS("sections", "/api/v2/help_center/sections", "section", "sections", Section.class, null, Export.NONE, null,
            create, get, list),
    CATEGORIES("categories", "/api/v2/help_center/categories", "category", "categories", Category.class, null,
            Export.NONE, null,
            create, get, list),
    MACROS("macros", "/api/v2/macros", "macro", "macros", Macro.class, null, Export.NONE, null,
            create, get, update, delete, list, listActive, apply, applyAndSave),
    TAGS("tags", "/api/v2/tags", "tag", "tags", Tag.class, null, Export.NONE, null,
            list),
    TICKET_FIELDS("ticket_fields", "/api/v2/ticket_fields", "ticket_field", "ticket_fields", TicketField.class, null,
            Export.NONE, null,
            create, get, update, delete, list),
    UPLOADS("uploads", "/api/v2/uploads", "upload", "uploads", Upload.class, null, Export.NONE, null,
            upload),
    TICKET_EVENTS("ticket_events", "/api/v2/ticket_events", "ticket_event", "ticket_events", TicketEvent.class, null,
            Export.TIME, "/api/v2/incremental/ticket_events.json"),
    /** Not an API resource: {@code from("zendesk:webhook")} receives Zendesk's webhook deliveries. */
    WEBHOOK("webhook", "/api/v2/webhooks", "webhook", "webhooks", io.camelzendesk.model.Webhook.class, null,
            Export.NONE, null);

    /** How a resource is read by the incremental export consumer. */
    public enum Export {
        /** Cursor-based incremental export. */
        CURSOR,
        /** Time-based incremental export ({@code start_time} / {@code end_time}). */
        TIME,
        /** Not exported. */
        NONE
    }

    private final String uriName;
    private final String path;
    private final String singular;
    private final String plural;
    private final Class<? extends ZendeskObject> modelType;
    private final String searchType;
    private final Export export;
    private final String exportPath;
    private final Set<ZendeskOperation> operations;

    ZendeskResource(String uriName, String path, String singular, String plural,
            Class<? extends ZendeskObject> modelType, String searchType, Export export, String exportPath,
            ZendeskOperation... operations) {
        this.uriName = uriName;
        this.path = path;
        this.singular = singular;
        this.plural = plural;
        this.modelType = modelType;
        this.searchType = searchType;
        this.export = export;
        this.exportPath = exportPath;
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

    /** Collection path, e.g. {@code /api/v2/tickets}. */
    public String path() {
        return path;
    }

    /** JSON root of one object ({@code ticket}). */
    public String singular() {
        return singular;
    }

    /** JSON root of a list ({@code tickets}). */
    public String plural() {
        return plural;
    }

    public Class<? extends ZendeskObject> modelType() {
        return modelType;
    }

    /** The {@code type:} of the Support search API, or null when the resource is not searched there. */
    public String searchType() {
        return searchType;
    }

    public Export export() {
        return export;
    }

    public String exportPath() {
        return exportPath;
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

    /** Parses an operation name (from the option or the header), case-insensitively. */
    public static ZendeskOperation operation(String name) {
        for (ZendeskOperation op : ZendeskOperation.values()) {
            if (op.name().equalsIgnoreCase(name.trim())) {
                return op;
            }
        }
        throw new IllegalArgumentException("Unknown Zendesk operation '" + name + "'. Valid: "
                + Arrays.stream(ZendeskOperation.values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return uriName.toLowerCase(Locale.ROOT);
    }
}
