package io.camelzendesk.component;

import org.apache.camel.spi.Metadata;

/** The headers the component reads and writes. */
public final class ZendeskConstants {

    @Metadata(label = "producer", description = "The operation to perform; overrides the operation option.",
              javaType = "String")
    public static final String OPERATION = "CamelZendeskOperation";

    @Metadata(description = "The id of the object (ticket, user, article, macro, ...): producer, overrides the id"
                            + " option, and after create or createOrUpdate the id of the object; consumer, the id"
                            + " of the record.",
              javaType = "Long")
    public static final String ID = "CamelZendeskId";

    @Metadata(label = "producer", description = "The id of the parent: the ticket of a comment list or of a macro"
                                                + " apply, the section of a new article (or of an article list), the"
                                                + " category of a new section.",
              javaType = "Long")
    public static final String PARENT_ID = "CamelZendeskParentId";

    @Metadata(label = "producer", description = "The search query (search operation); overrides the query option.",
              javaType = "String")
    public static final String QUERY = "CamelZendeskQuery";

    @Metadata(label = "producer", description = "The locale of a Help Center translation (updateTranslation) or a"
                                                + " new article; overrides the locale option.",
              javaType = "String")
    public static final String LOCALE = "CamelZendeskLocale";

    @Metadata(label = "producer", description = "The file name of an upload; defaults to CamelFileName.",
              javaType = "String")
    public static final String FILE_NAME = "CamelZendeskFileName";

    @Metadata(label = "producer", description = "Idempotency-Key sent with a ticket create so that a retry or a"
                                                + " redelivery never creates a second ticket.",
              javaType = "String")
    public static final String IDEMPOTENCY_KEY = "CamelZendeskIdempotencyKey";

    @Metadata(label = "producer", description = "Out: Zendesk's x-idempotency-lookup answer to a create with an"
                                                + " idempotency key: hit (the first result was returned) or miss.",
              javaType = "String")
    public static final String IDEMPOTENCY_LOOKUP = "CamelZendeskIdempotencyLookup";

    @Metadata(label = "producer", description = "The tags of addTags, setTags and removeTags when the body does not"
                                                + " hold them (a List of String or a comma-separated String).",
              javaType = "java.util.List<String>")
    public static final String TAGS = "CamelZendeskTags";

    @Metadata(label = "producer", description = "The updated_at read before a safe update (safeUpdate=true); taken"
                                                + " from the body's updated_at when absent.",
              javaType = "String")
    public static final String UPDATED_STAMP = "CamelZendeskUpdatedStamp";

    @Metadata(label = "producer", description = "Out: the HTTP status Zendesk answered.", javaType = "Integer")
    public static final String RESPONSE_CODE = "CamelZendeskResponseCode";

    @Metadata(description = "The side-loaded objects (include=) by side-load name and id, e.g. users: {id: user}."
                            + " Producer list/search: grows as pages are read. Consumer: the objects the record"
                            + " references (requester, assignee, organization, group, ...), or all of the page"
                            + " with pageAsList.",
              javaType = "java.util.Map<String, java.util.Map<Object, java.util.Map<String, Object>>>")
    public static final String SIDELOADS = "CamelZendeskSideloads";

    @Metadata(label = "producer", description = "Out (tickets with customFieldsByName=true): the custom fields of the"
                                                + " ticket by field title, dropdown values by option name.",
              javaType = "java.util.Map<String, Object>")
    public static final String CUSTOM_FIELDS_BY_NAME = "CamelZendeskCustomFieldsByName";

    @Metadata(label = "producer", description = "Out (bulk operations): the finished job statuses, one per request"
                                                + " of at most 100 items.",
              javaType = "java.util.List<io.camelzendesk.model.JobStatus>")
    public static final String JOB_STATUSES = "CamelZendeskJobStatuses";

    @Metadata(label = "consumer", description = "The resource of the exported record (tickets, users, ...).",
              javaType = "String")
    public static final String RESOURCE = "CamelZendeskResource";

    @Metadata(label = "consumer", description = "The record's updated_at (ISO-8601).", javaType = "String")
    public static final String UPDATED_AT = "CamelZendeskUpdatedAt";

    @Metadata(label = "consumer", description = "The record's generated_timestamp (epoch seconds; tickets and users).",
              javaType = "Long")
    public static final String GENERATED_TIMESTAMP = "CamelZendeskGeneratedTimestamp";

    @Metadata(label = "consumer", description = "The export position of the page the record came from (cursor or"
                                                + " start_time).",
              javaType = "String")
    public static final String POSITION = "CamelZendeskPosition";

    @Metadata(label = "consumer", description = "Realtime: the path that delivered the change, webhook (at once) or"
                                                + " export (the reconciliation: a change no webhook delivered).",
              javaType = "String")
    public static final String DELIVERED_BY = "CamelZendeskDeliveredBy";

    @Metadata(label = "consumer", description = "Webhook: the event type (zen:event-type:ticket.status_changed, ...;"
                                                + " for a trigger-connected delivery: the trigger's webhook).",
              javaType = "String")
    public static final String EVENT_TYPE = "CamelZendeskEventType";

    @Metadata(label = "consumer", description = "Webhook: the Zendesk account id (X-Zendesk-Account-Id).",
              javaType = "String")
    public static final String ACCOUNT_ID = "CamelZendeskAccountId";

    @Metadata(label = "consumer", description = "Webhook: the webhook id (X-Zendesk-Webhook-Id).", javaType = "String")
    public static final String WEBHOOK_ID = "CamelZendeskWebhookId";

    @Metadata(label = "consumer", description = "Webhook: the invocation id (X-Zendesk-Webhook-Invocation-Id), the"
                                                + " key duplicates are dropped on.",
              javaType = "String")
    public static final String INVOCATION_ID = "CamelZendeskInvocationId";

    @Metadata(label = "consumer", description = "Webhook: the id of the event's subject (the ticket id of"
                                                + " zen:ticket:123, a user id, ...).",
              javaType = "String")
    public static final String SUBJECT_ID = "CamelZendeskSubjectId";

    @Metadata(label = "producer,consumer", description = "Producer: the named account this exchange's call goes"
                                                         + " to (see option account); default: the endpoint's"
                                                         + " account. Connect consumer: the account just"
                                                         + " connected.",
              javaType = "String")
    public static final String ACCOUNT = "CamelZendeskAccount";

    private ZendeskConstants() {
    }
}
