package io.camelzendesk.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.model.Group;
import io.camelzendesk.model.Organization;
import io.camelzendesk.model.Tag;
import io.camelzendesk.model.ZendeskObject;

/**
 * The Zendesk API, typed and asynchronous, on a {@link ZendeskClient} (which does the HTTP: authentication,
 * rate limits, retries). One place per Zendesk area; every call knows its path, envelope, paging and whether it may
 * be repeated. No Camel: {@code new ZendeskApi(client).tickets().get(42)}.
 * <p>
 * The ticket-field cache (custom fields by name) belongs to the instance and is shared by its views
 * ({@link #withTicketFieldsMaxAge}, {@link #withJobTimeout}), each of which reads it with its own maximum age.
 */
public final class ZendeskApi {

    /** Ticket fields older than this are read again (10 minutes). */
    public static final Duration DEFAULT_TICKET_FIELDS_MAX_AGE = Duration.ofMinutes(10);
    /** A bulk call fails when its jobs are not done within this (10 minutes). */
    public static final Duration DEFAULT_JOB_TIMEOUT = Duration.ofMinutes(10);

    private final ZendeskClient client;
    private final CustomFieldResolver fieldCache;
    private final TicketUpdateQueue ticketUpdates;
    private final Duration ticketFieldsMaxAge;
    private final Duration jobTimeout;
    private final Map<ApiResource<?>, ResourceApi<?>> resources = new LinkedHashMap<>();
    private final TicketsApi tickets;
    private final UsersApi users;
    private final MacrosApi macros;
    private final TicketFieldsApi ticketFields;
    private final HelpCenterApi helpCenter;
    private final UploadsApi uploads;
    private final JobsApi jobs;
    private final WebhooksApi webhooks;

    public ZendeskApi(ZendeskClient client) {
        this(client, new CustomFieldResolver(client), new TicketUpdateQueue(), DEFAULT_TICKET_FIELDS_MAX_AGE,
                DEFAULT_JOB_TIMEOUT);
    }

    private ZendeskApi(ZendeskClient client, CustomFieldResolver fieldCache, TicketUpdateQueue ticketUpdates,
            Duration ticketFieldsMaxAge, Duration jobTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.fieldCache = fieldCache;
        this.ticketUpdates = ticketUpdates;
        this.ticketFieldsMaxAge = ticketFieldsMaxAge;
        this.jobTimeout = jobTimeout;
        this.jobs = new JobsApi(client, jobTimeout);
        this.tickets = add(new TicketsApi(this));
        this.users = add(new UsersApi(this));
        this.macros = add(new MacrosApi(this));
        this.ticketFields = add(new TicketFieldsApi(this, fieldCache, ticketFieldsMaxAge));
        this.helpCenter = new HelpCenterApi(this);
        add(helpCenter.articles());
        add(helpCenter.sections());
        add(helpCenter.categories());
        for (ApiResource<?> r : ApiResource.ALL) {
            resources.computeIfAbsent(r, this::generic);
        }
        this.uploads = new UploadsApi(client);
        this.webhooks = new WebhooksApi(client);
    }

    /** A view with its own maximum age of the ticket fields it reads from the shared cache. */
    public ZendeskApi withTicketFieldsMaxAge(Duration maxAge) {
        return new ZendeskApi(client, fieldCache, ticketUpdates, maxAge, jobTimeout);
    }

    /** A view whose bulk calls wait this long for their jobs. */
    public ZendeskApi withJobTimeout(Duration timeout) {
        return new ZendeskApi(client, fieldCache, ticketUpdates, ticketFieldsMaxAge, timeout);
    }

    public ZendeskClient client() {
        return client;
    }

    /** The account's coalesced ticket updates (shared by every view of this API). */
    TicketUpdateQueue ticketUpdates() {
        return ticketUpdates;
    }

    /** The calls of any resource of the table ({@link TicketsApi} for tickets, and so on). */
    @SuppressWarnings("unchecked")
    public <T extends ZendeskObject> ResourceApi<T> resource(ApiResource<T> resource) {
        return (ResourceApi<T>) resources.get(resource);
    }

    public TicketsApi tickets() {
        return tickets;
    }

    public UsersApi users() {
        return users;
    }

    public ResourceApi<Organization> organizations() {
        return resource(ApiResource.ORGANIZATIONS);
    }

    public ResourceApi<Group> groups() {
        return resource(ApiResource.GROUPS);
    }

    public HelpCenterApi helpCenter() {
        return helpCenter;
    }

    public MacrosApi macros() {
        return macros;
    }

    /** The account's tags ({@code list}); the tags of one object are on its resource ({@code addTags}, ...). */
    public ResourceApi<Tag> tags() {
        return resource(ApiResource.TAGS);
    }

    public TicketFieldsApi ticketFields() {
        return ticketFields;
    }

    public UploadsApi uploads() {
        return uploads;
    }

    public JobsApi jobs() {
        return jobs;
    }

    public WebhooksApi webhooks() {
        return webhooks;
    }

    private <A extends ResourceApi<?>> A add(A area) {
        resources.put(area.resource(), area);
        return area;
    }

    private <T extends ZendeskObject> ResourceApi<T> generic(ApiResource<T> resource) {
        return new ResourceApi<>(this, resource);
    }
}
