package io.camelzendesk.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Duration;
import java.util.Optional;

/**
 * JUnit 5 extension: one emulator per test class (configured by {@link EmulatorConfig}), state reset before
 * each test, and injection of {@link ZendeskEmulator}, {@link EmulatorAdmin} or an {@link EmulatorBaseUrl}
 * {@code String} into constructors, lifecycle methods and tests.
 * <pre>{@code
 * @ExtendWith(ZendeskEmulatorExtension.class)
 * @EmulatorConfig(seed = 100, recentExclusionMillis = 0)
 * class MyRouteTest {
 *     @Test void works(@EmulatorBaseUrl String baseUrl, EmulatorAdmin admin) { ... }
 * }
 * }</pre>
 */
public final class ZendeskEmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ZendeskEmulatorExtension.class);
    private static final String KEY = "emulator";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (find(context).isPresent()) {
            return; // a @Nested class reuses its outer class's emulator
        }
        EmulatorConfig cfg = context.getRequiredTestClass().getAnnotation(EmulatorConfig.class);
        ZendeskEmulator.Builder b = ZendeskEmulator.builder();
        if (cfg != null) {
            b.seed(cfg.seed()).requestsPerMinute(cfg.requestsPerMinute())
                    .incrementalRequestsPerMinute(cfg.incrementalRequestsPerMinute()).endpointLimits(cfg.endpointLimits())
                    .recentExclusion(Duration.ofMillis(cfg.recentExclusionMillis())).port(cfg.port())
                    .webhookRetryBackoff(Duration.ofMillis(cfg.webhookRetryBackoffMillis()))
                    .oauthTokenLifetime(Duration.ofSeconds(cfg.oauthTokenLifetimeSeconds()))
                    .refreshTokenLifetime(Duration.ofSeconds(cfg.refreshTokenLifetimeSeconds()))
                    .apiTokensEnabled(cfg.apiTokensEnabled()).oauthConsent(cfg.oauthConsent())
                    .alwaysSendExpiresIn(cfg.alwaysSendExpiresIn());
        }
        ZendeskEmulator emulator = b.build();
        emulator.start();
        context.getStore(NS).put(KEY, emulator);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ZendeskEmulator own = context.getStore(NS).remove(KEY, ZendeskEmulator.class);
        if (own != null) {
            own.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator(context).admin().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> type = pc.getParameter().getType();
        return type == ZendeskEmulator.class || type == EmulatorAdmin.class
                || (type == String.class && pc.isAnnotated(EmulatorBaseUrl.class));
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        ZendeskEmulator e = emulator(ec);
        Class<?> type = pc.getParameter().getType();
        if (type == ZendeskEmulator.class) {
            return e;
        }
        if (type == EmulatorAdmin.class) {
            return e.admin();
        }
        return e.baseUrl();
    }

    private static Optional<ZendeskEmulator> find(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            ZendeskEmulator e = c.getStore(NS).get(KEY, ZendeskEmulator.class);
            if (e != null) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static ZendeskEmulator emulator(ExtensionContext context) {
        return find(context).orElseThrow(() -> new ParameterResolutionException(
                "No Zendesk emulator: register ZendeskEmulatorExtension on the test class"));
    }
}
