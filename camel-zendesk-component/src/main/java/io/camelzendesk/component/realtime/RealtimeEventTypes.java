package io.camelzendesk.component.realtime;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.camelzendesk.component.ZendeskResource;

/**
 * The webhook event types a realtime consumer subscribes to, per resource: every documented event that changes the
 * object (Zendesk has no wildcard, so they are listed one by one). Option {@code eventTypes} narrows or replaces
 * the list; what a narrower list leaves out still reaches the route, from the export.
 */
public final class RealtimeEventTypes {

    private static final Map<ZendeskResource, List<String>> TYPES = Map.of(
            ZendeskResource.TICKETS, List.of("ticket.created", "ticket.agent_assignment_changed",
                    "ticket.attachment_linked_to_comment", "ticket.attachment_redacted_from_comment",
                    "ticket.brand_changed", "ticket.comment_added", "ticket.comment_made_private",
                    "ticket.comment_redacted", "ticket.custom_field_changed", "ticket.custom_status_changed",
                    "ticket.description_changed", "ticket.external_id_changed", "ticket.email_ccs_changed",
                    "ticket.followers_changed", "ticket.form_changed", "ticket.group_assignment_changed",
                    "ticket.organization_changed", "ticket.priority_changed", "ticket.problem_link_changed",
                    "ticket.requester_changed", "ticket.status_changed", "ticket.subject_changed",
                    "ticket.submitter_changed", "ticket.tags_changed", "ticket.task_due_at_changed",
                    "ticket.type_changed", "ticket.marked_as_spam", "ticket.merged", "ticket.soft_deleted",
                    "ticket.undeleted", "ticket.permanently_deleted"),
            ZendeskResource.USERS, List.of("user.created", "user.deleted", "user.active_changed",
                    "user.alias_changed", "user.custom_field_changed", "user.custom_role_changed",
                    "user.default_group_changed", "user.details_changed", "user.external_id_changed",
                    "user.identity_changed", "user.identity_created", "user.identity_deleted", "user.merged",
                    "user.name_changed", "user.notes_changed", "user.only_private_comments_changed",
                    "user.organization_membership_created", "user.organization_membership_deleted",
                    "user.photo_changed", "user.role_changed", "user.suspended_changed", "user.tags_changed",
                    "user.time_zone_changed"),
            ZendeskResource.ORGANIZATIONS, List.of("organization.created", "organization.deleted",
                    "organization.custom_field_changed", "organization.external_id_changed",
                    "organization.name_changed", "organization.tags_changed"),
            ZendeskResource.ARTICLES, List.of("article.published", "article.unpublished", "article.author_changed"));

    private RealtimeEventTypes() {
    }

    /** Whether a realtime consumer can follow the resource. */
    public static boolean supports(ZendeskResource resource) {
        return TYPES.containsKey(resource);
    }

    /** The resource's event types, comma-separated, in the short form ({@code ticket.created,...}). */
    public static String of(ZendeskResource resource) {
        return String.join(",", TYPES.get(resource));
    }

    /** The resources a realtime consumer can follow, for error messages. */
    public static String resources() {
        return TYPES.keySet().stream().map(ZendeskResource::uriName).sorted().collect(Collectors.joining(", "));
    }
}
