package io.camelzendesk.component.producer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.DefaultAsyncProducer;

import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.component.ZendeskEndpoint;
import io.camelzendesk.component.ZendeskOperation;
import io.camelzendesk.component.ZendeskResource;
import io.camelzendesk.component.account.ZendeskAccount;

import static io.camelzendesk.component.ZendeskResource.ARTICLES;
import static io.camelzendesk.component.ZendeskResource.SECTIONS;
import static io.camelzendesk.component.ZendeskResource.TICKETS;

/**
 * Performs the operation of an exchange on the endpoint's resource, asynchronously: no thread waits for Zendesk.
 * Picks the operation and the account (the endpoint's, or the one header {@code CamelZendeskAccount} names);
 * {@link AccountOperations} maps the exchange onto the account's typed API and the result back.
 */
public class ZendeskProducer extends DefaultAsyncProducer {

    private final ZendeskEndpoint endpoint;
    private final ZendeskResource resource;
    private final ZendeskConfiguration config;
    private ExchangeArguments args;
    private AccountOperations endpointAccount;
    /** The accounts named by the CamelZendeskAccount header, by name. */
    private final Map<String, AccountOperations> namedAccounts = new ConcurrentHashMap<>();

    public ZendeskProducer(ZendeskEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.resource = endpoint.getZendeskResource();
        this.config = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Expression idempotencyKey = config.getIdempotencyKey() == null ? null
                : getEndpoint().getCamelContext().resolveLanguage("simple").createExpression(config.getIdempotencyKey());
        args = new ExchangeArguments(resource, config, idempotencyKey);
        endpointAccount = operations(endpoint.account());
    }

    @Override
    protected void doStop() throws Exception {
        namedAccounts.clear();
        super.doStop();
    }

    // the account's API (one ticket-field cache), read with this endpoint's own cache TTL and job timeout
    private AccountOperations operations(ZendeskAccount account) {
        return new AccountOperations(resource, config, account.api()
                .withTicketFieldsMaxAge(Duration.ofMillis(config.getTicketFieldsCacheTtl()))
                .withJobTimeout(Duration.ofMillis(config.getBulkJobTimeout())), args);
    }

    /** The endpoint's account, or the one the CamelZendeskAccount header names (resolved once per name). */
    private AccountOperations account(Exchange exchange) {
        String name = exchange.getMessage().getHeader(ZendeskConstants.ACCOUNT, String.class);
        if (name == null || name.isBlank() || name.equals(config.getAccount())) {
            return endpointAccount;
        }
        return namedAccounts.computeIfAbsent(name, n -> operations(endpoint.namedAccount(n)));
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletableFuture<?> result;
        try {
            result = account(exchange).execute(operation(exchange), exchange);
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
        Object fromHeader = exchange.getMessage().getHeader(ZendeskConstants.OPERATION);
        // the enum, or its name as text or bytes (a Kafka or CloudEvents source), converted by Camel
        ZendeskOperation op = fromHeader instanceof ZendeskOperation o ? o
                : fromHeader != null
                        ? ZendeskOperation.of(exchange.getMessage().getHeader(ZendeskConstants.OPERATION, String.class))
                : config.getOperation();
        if (op == null) {
            throw new IllegalArgumentException("No operation: set option operation or header "
                                               + ZendeskConstants.OPERATION + ". Resource '" + resource.uriName()
                                               + "' supports: " + resource.operations());
        }
        return resource.check(op);
    }

    static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
