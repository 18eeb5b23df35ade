package io.camelzendesk.emulator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Configures the emulator that {@link ZendeskEmulatorExtension} starts for a test class. */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EmulatorConfig {
    /** About this many seeded tickets (0 = account basics only). */
    int seed() default 0;

    /** General budget per minute; 0 = unlimited. */
    int requestsPerMinute() default 700;

    /** Incremental export budget per minute; 0 = unlimited. */
    int incrementalRequestsPerMinute() default 10;

    /** Whether Zendesk's endpoint limits (ticket, user, organization updates) apply. */
    boolean endpointLimits() default false;

    /** Recent-change exclusion of exports, in ms. */
    long recentExclusionMillis() default 60_000;

    /** Port; 0 = random. */
    int port() default 0;

    /** First webhook retry delay in ms (doubles per retry). */
    long webhookRetryBackoffMillis() default 200;

    /** Lifetime of issued OAuth access tokens (when the token request has no expires_in), in seconds. */
    long oauthTokenLifetimeSeconds() default 1800;

    /** Lifetime of issued refresh tokens (when the token request has no refresh_token_expires_in), in seconds. */
    long refreshTokenLifetimeSeconds() default 30L * 24 * 3600;

    /** Whether API tokens (Basic email/token) authenticate; false: an account after 2027-04-30. */
    boolean apiTokensEnabled() default true;

    /** What the user answers on the OAuth authorization page. */
    Consent oauthConsent() default Consent.AUTO_APPROVE;

    /** Whether code and refresh grants answer expires_in even when not asked for. */
    boolean alwaysSendExpiresIn() default false;
}
