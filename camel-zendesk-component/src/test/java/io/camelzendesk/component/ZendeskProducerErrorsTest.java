package io.camelzendesk.component;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.camelzendesk.client.ZendeskApiException;
import io.camelzendesk.client.ZendeskAuthenticationException;
import io.camelzendesk.client.ZendeskConflictException;
import io.camelzendesk.client.ZendeskForbiddenException;
import io.camelzendesk.client.ZendeskNotFoundException;
import io.camelzendesk.client.ZendeskValidationException;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Zendesk's error answers become typed exceptions on the exchange, carrying what Zendesk said; bad input fails early. */
class ZendeskProducerErrorsTest extends ZendeskTestSupport {

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(400, ZendeskApiException.class, "TooManyValues", "You can only specify up to 100 values",
                        Map.of()),
                Arguments.of(401, ZendeskAuthenticationException.class, "Couldn't authenticate you", null, Map.of()),
                Arguments.of(403, ZendeskForbiddenException.class, "Forbidden",
                        "You do not have access to this page. Please contact the account owner of this help desk for"
                        + " further help.", Map.of()),
                Arguments.of(404, ZendeskNotFoundException.class, "RecordNotFound", "Not found", Map.of()),
                Arguments.of(409, ZendeskConflictException.class, "UpdateConflict",
                        "Ticket was updated by another user since it was retrieved",
                        Map.of("base", List.of(Map.of("description", "Safe Update prevented the update due to outdated"
                                + " ticket data. Please fetch the latest ticket data and try again.",
                                "error", "UpdateConflict")))),
                Arguments.of(422, ZendeskValidationException.class, "RecordInvalid", "Record validation errors",
                        Map.of("requester", List.of(Map.of("description", "Requester: Email is not properly formatted",
                                "error", "InvalidValue")),
                                "subject", List.of(Map.of("description", "Subject: cannot be blank",
                                        "error", "BlankValue")))));
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @MethodSource("errors")
    void errorBodyBecomesTypedException(int status, Class<? extends ZendeskApiException> type, String error,
            String description, Map<String, Object> details) {
        wm.stubFor(put("/api/v2/tickets/35436").willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-Zendesk-Request-Id", "8a1d7d2c0f0e4e6b")
                .withBody(fixture("errors/" + status + ".json"))));

        Exchange ex = template.send("zendesk:tickets?operation=update", e -> {
            e.getMessage().setHeader(ZendeskConstants.ID, 35436L);
            e.getMessage().setBody(Map.of("status", "solved"));
        });

        assertThat(ex.getException()).isExactlyInstanceOf(type);
        ZendeskApiException e = (ZendeskApiException) ex.getException();
        assertThat(e.getStatus()).isEqualTo(status);
        assertThat(e.getError()).isEqualTo(error);
        assertThat(e.getDescription()).isEqualTo(description);
        assertThat(e.getDetails()).isEqualTo(details);
        assertThat(e.getRequestId()).isEqualTo("8a1d7d2c0f0e4e6b");
        assertThat(e.getMethod() + " " + e.getPath()).isEqualTo("PUT /api/v2/tickets/35436");
        assertThat(e.getMessage()).contains("HTTP " + status).contains(error).doesNotContain(TOKEN);
        // client errors are not retried
        wm.verify(1, putRequestedFor(urlEqualTo("/api/v2/tickets/35436")));
    }

    @Test
    void missingIdFailsBeforeAnyRequest() {
        Exchange ex = template.send("zendesk:tickets?operation=get", e -> e.getMessage().setBody(null));
        assertThat(ex.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ZendeskConstants.ID).hasMessageContaining("option id");
        assertThat(requests()).isEmpty();
    }

    @Test
    void missingParentOfMacroApplyFailsBeforeAnyRequest() {
        Exchange ex = template.send("zendesk:macros?operation=apply&id=360111", e -> e.getMessage().setBody(null));
        assertThat(ex.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ZendeskConstants.PARENT_ID);
        assertThat(requests()).isEmpty();
    }

    @Test
    void unsupportedOperationInTheUriFailsAtEndpointCreationListingWhatIsSupported() {
        assertThatThrownBy(() -> context.getEndpoint("zendesk:groups?operation=search"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause().hasMessageContaining("'search' is not supported by resource 'groups'")
                .hasMessageContaining("create, get, update, delete, list");
    }

    @Test
    void unsupportedOperationInTheHeaderFailsTheExchangeListingWhatIsSupported() {
        Exchange ex = template.send("zendesk:tags?operation=list", e -> {
            e.getMessage().setHeader(ZendeskConstants.OPERATION, "delete");
            e.getMessage().setHeader(ZendeskConstants.ID, 1L);
        });
        assertThat(ex.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'delete' is not supported by resource 'tags'").hasMessageContaining("list");
        assertThat(requests()).isEmpty();
    }

    @Test
    void operationHeaderOverridesTheOption() {
        wm.stubFor(get("/api/v2/tickets/35436").willReturn(okJson(fixture("ticket.json"))));
        Exchange ex = template.send("zendesk:tickets?operation=list", e -> {
            e.getMessage().setHeader(ZendeskConstants.OPERATION, "get");
            e.getMessage().setHeader(ZendeskConstants.ID, "35436");
        });
        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getBody(io.camelzendesk.model.Ticket.class).getSubject())
                .isEqualTo("Help, my printer is on fire!");
    }
}
