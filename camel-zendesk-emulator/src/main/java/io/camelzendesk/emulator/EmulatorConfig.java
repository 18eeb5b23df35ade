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

    /** Recent-change exclusion of exports, in ms. */
    long recentExclusionMillis() default 60_000;

    /** Port; 0 = random. */
    int port() default 0;

    /** First webhook retry delay in ms (doubles per retry). */
    long webhookRetryBackoffMillis() default 200;

    /** Lifetime of issued OAuth tokens, in seconds. */
    long oauthTokenLifetimeSeconds() default 3600;
}
