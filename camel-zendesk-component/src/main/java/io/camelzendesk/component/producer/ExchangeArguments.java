package io.camelzendesk.component.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;

import io.camelzendesk.api.ZendeskBodies;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.component.ZendeskResource;
import io.camelzendesk.model.Comment;

/**
 * The arguments of a producer call, read from the exchange: headers first, then the endpoint's options, then the
 * body. A missing argument fails here, before any request.
 */
final class ExchangeArguments {

    private final ZendeskResource resource;
    private final ZendeskConfiguration config;
    private final Expression idempotencyKey;

    ExchangeArguments(ZendeskResource resource, ZendeskConfiguration config, Expression idempotencyKey) {
        this.resource = resource;
        this.config = config;
        this.idempotencyKey = idempotencyKey;
    }

    /** The search query: the header, else the option. */
    String query(Exchange ex) {
        String query = ex.getMessage().getHeader(ZendeskConstants.QUERY, config.getQuery(), String.class);
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("search needs a query: set option query or header "
                                               + ZendeskConstants.QUERY);
        }
        return query;
    }

    /** The objects of a bulk call. */
    List<Map<String, Object>> objects(Exchange ex) {
        return ZendeskBodies.objects(ex.getMessage().getBody(), resource.api().singular(), resource.api().plural());
    }

    /** A comment: text (a public comment) or a {@code Comment}, map or JSON. */
    Map<String, Object> comment(Exchange ex) {
        Object body = ZendeskBodies.parsed(ex.getMessage().getBody());
        return body instanceof String text ? new Comment(text, true).fields() : ZendeskBodies.object(body, "comment");
    }

    /** The tags of addTags, setTags and removeTags: the header, else the body. */
    List<String> tags(Exchange ex) {
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

    /** The ticket a macro is applied to. */
    long macroTicket(Exchange ex) {
        return requireLong(ex, ZendeskConstants.PARENT_ID, config.getParentId(), "the ticket to apply the macro to");
    }

    /** One object of the resource, unwrapped from its envelope. */
    Map<String, Object> object(Exchange ex) {
        return ZendeskBodies.object(ex.getMessage().getBody(), resource.api().singular());
    }

    /**
     * The ids of a read of several objects: header {@code CamelZendeskId} as a collection or comma-separated text;
     * null when it names one id (or none).
     */
    List<Long> ids(Exchange ex) {
        Object header = ex.getMessage().getHeader(ZendeskConstants.ID);
        List<Object> given = header instanceof java.util.Collection<?> c ? new ArrayList<>(c)
                : header instanceof String s && s.contains(",") ? new ArrayList<>(List.of(s.split(","))) : null;
        if (given == null) {
            return null;
        }
        List<Long> ids = new ArrayList<>(given.size());
        for (Object o : given) {
            String text = String.valueOf(o).trim();
            if (!text.isEmpty()) {
                ids.add(Long.valueOf(text));
            }
        }
        return ids;
    }

    /**
     * Whether the body is several objects (a collection, an array, a JSON array, a plural envelope): the body is
     * left parsed, so that a stream is read once.
     */
    boolean isMany(Exchange ex) {
        Object value = ZendeskBodies.parsed(ex.getMessage().getBody());
        if (value == null) {
            return false;
        }
        ex.getMessage().setBody(value);
        return value instanceof java.util.Collection<?> || value instanceof Object[]
               || value instanceof Map<?, ?> m && m.size() == 1 && m.get(resource.api().plural())
                       instanceof java.util.Collection<?>;
    }

    /** The id from the header, the option, or the body's {@code id}; fails before any request without one. */
    long id(Exchange ex, Map<String, Object> body) {
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

    /** The parent id from the header or the option, or null. */
    Long parentId(Exchange ex) {
        return optionalLong(ex, ZendeskConstants.PARENT_ID, config.getParentId());
    }

    /** The ticket of a comment operation: the parent id, else the id. */
    long ticketId(Exchange ex) {
        Long parent = optionalLong(ex, ZendeskConstants.PARENT_ID, config.getParentId());
        return parent != null ? parent : id(ex, null);
    }

    Object parentOrField(Exchange ex, Map<String, Object> body, String field, String what) {
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

    String locale(Exchange ex) {
        return ex.getMessage().getHeader(ZendeskConstants.LOCALE, config.getLocale(), String.class);
    }

    String idempotencyKey(Exchange ex) {
        String key = ex.getMessage().getHeader(ZendeskConstants.IDEMPOTENCY_KEY, String.class);
        if (key == null && idempotencyKey != null) {
            key = idempotencyKey.evaluate(ex, String.class);
        }
        return key == null || key.isBlank() ? null : key;
    }
}
