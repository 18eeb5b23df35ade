package io.camelzendesk.api;

import java.util.List;

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
import io.camelzendesk.model.Webhook;
import io.camelzendesk.model.ZendeskObject;

/**
 * The table that drives {@link ResourceApi}: for each Zendesk resource, its collection path, the JSON envelope names
 * of one object and of a list, the model class, how it is searched and how it is exported incrementally. One
 * generic implementation serves them all; the areas with calls of their own extend it ({@link TicketsApi}, ...).
 *
 * @param <T> the model of the resource
 */
public final class ApiResource<T extends ZendeskObject> {

    private static final String SUPPORT_SEARCH = "/api/v2/search";

    public static final ApiResource<Ticket> TICKETS = new ApiResource<>("tickets", "/api/v2/tickets", "ticket",
            "tickets", Ticket.class, SUPPORT_SEARCH, "ticket",
            new Incremental(Incremental.Style.CURSOR, "/api/v2/incremental/tickets/cursor.json"));
    public static final ApiResource<User> USERS = new ApiResource<>("users", "/api/v2/users", "user", "users",
            User.class, SUPPORT_SEARCH, "user",
            new Incremental(Incremental.Style.CURSOR, "/api/v2/incremental/users/cursor.json"));
    public static final ApiResource<Organization> ORGANIZATIONS = new ApiResource<>("organizations",
            "/api/v2/organizations", "organization", "organizations", Organization.class, SUPPORT_SEARCH,
            "organization", new Incremental(Incremental.Style.TIME, "/api/v2/incremental/organizations.json"));
    public static final ApiResource<Group> GROUPS = new ApiResource<>("groups", "/api/v2/groups", "group", "groups",
            Group.class, null, null, null);
    public static final ApiResource<Article> ARTICLES = new ApiResource<>("articles", "/api/v2/help_center/articles",
            "article", "articles", Article.class, "/api/v2/help_center/articles/search", null,
            new Incremental(Incremental.Style.TIME, "/api/v2/help_center/incremental/articles.json"));
    public static final ApiResource<Section> SECTIONS = new ApiResource<>("sections", "/api/v2/help_center/sections",
            "section", "sections", Section.class, null, null, null);
    public static final ApiResource<Category> CATEGORIES = new ApiResource<>("categories",
            "/api/v2/help_center/categories", "category", "categories", Category.class, null, null, null);
    public static final ApiResource<Macro> MACROS = new ApiResource<>("macros", "/api/v2/macros", "macro", "macros",
            Macro.class, null, null, null);
    public static final ApiResource<Tag> TAGS = new ApiResource<>("tags", "/api/v2/tags", "tag", "tags", Tag.class,
            null, null, null);
    public static final ApiResource<TicketField> TICKET_FIELDS = new ApiResource<>("ticket_fields",
            "/api/v2/ticket_fields", "ticket_field", "ticket_fields", TicketField.class, null, null, null);
    public static final ApiResource<Upload> UPLOADS = new ApiResource<>("uploads", "/api/v2/uploads", "upload",
            "uploads", Upload.class, null, null, null);
    public static final ApiResource<TicketEvent> TICKET_EVENTS = new ApiResource<>("ticket_events",
            "/api/v2/ticket_events", "ticket_event", "ticket_events", TicketEvent.class, null, null,
            new Incremental(Incremental.Style.TIME, "/api/v2/incremental/ticket_events.json"));
    public static final ApiResource<Webhook> WEBHOOKS = new ApiResource<>("webhooks", "/api/v2/webhooks", "webhook",
            "webhooks", Webhook.class, null, null, null);

    /** Every resource of the table. */
    public static final List<ApiResource<?>> ALL = List.of(TICKETS, USERS, ORGANIZATIONS, GROUPS, ARTICLES, SECTIONS,
            CATEGORIES, MACROS, TAGS, TICKET_FIELDS, UPLOADS, TICKET_EVENTS, WEBHOOKS);

    /**
     * How a resource is read by Zendesk's incremental export API: its path (the records are in the resource's plural
     * envelope) and its pagination.
     */
    public record Incremental(Style style, String path) {

        /** The incremental export's pagination. */
        public enum Style {
            /** Cursor-based incremental export. */
            CURSOR,
            /** Time-based incremental export ({@code start_time} / {@code end_time}). */
            TIME,
            /** Not exported. */
            NONE
        }
    }

    private final String name;
    private final String path;
    private final String singular;
    private final String plural;
    private final Class<T> modelType;
    private final String searchPath;
    private final String searchType;
    private final Incremental incremental;

    private ApiResource(String name, String path, String singular, String plural, Class<T> modelType,
            String searchPath, String searchType, Incremental incremental) {
        this.name = name;
        this.path = path;
        this.singular = singular;
        this.plural = plural;
        this.modelType = modelType;
        this.searchPath = searchPath;
        this.searchType = searchType;
        this.incremental = incremental;
    }

    /** The resource's name in messages ({@code tickets}). */
    public String name() {
        return name;
    }

    /** Collection path, e.g. {@code /api/v2/tickets}. */
    public String path() {
        return path;
    }

    /** The path of one object. */
    public String path(Object id) {
        return path + "/" + id;
    }

    /** JSON root of one object ({@code ticket}). */
    public String singular() {
        return singular;
    }

    /** JSON root of a list ({@code tickets}). */
    public String plural() {
        return plural;
    }

    public Class<T> modelType() {
        return modelType;
    }

    /** The search path ({@code /api/v2/search} or Help Center's own), or null when the resource is not searched. */
    public String searchPath() {
        return searchPath;
    }

    /** The {@code type:} of the Support search API, or null when the resource is not searched there. */
    public String searchType() {
        return searchType;
    }

    /** How the resource is exported incrementally ({@link Incremental.Style#NONE} when it is not). */
    public Incremental incremental() {
        return incremental != null ? incremental : new Incremental(Incremental.Style.NONE, null);
    }

    @Override
    public String toString() {
        return name;
    }
}
