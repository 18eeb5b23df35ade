package io.camelzendesk.emulator;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Authorization codes and pending consents live 10 minutes of the emulator's clock. */
class OAuthCodeExpiryTest {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-05-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void codesAndConsentsExpireAfterTenMinutes() {
        MovableClock clock = new MovableClock();
        try (ZendeskEmulator zd = ZendeskEmulator.builder().clock(clock).requestsPerMinute(0).build()) {
            OAuthFlow f = new OAuthFlow(zd.start());
            String fresh = f.code(ZendeskEmulator.OAUTH_CLIENT_ID);
            String old = f.code(ZendeskEmulator.OAUTH_CLIENT_ID);
            clock.now = clock.now.plus(Duration.ofMinutes(9));
            f.ok(f.exchange(fresh));
            clock.now = clock.now.plus(Duration.ofMinutes(1));
            assertThat(f.exchange(old).body()).isEqualTo(OAuthFlow.INVALID_GRANT);

            zd.admin().setOAuthConsent(Consent.ASK);
            Matcher m = Pattern.compile("name=\"consent_id\" value=\"([^\"]+)\"").matcher(f.authorize(ZendeskEmulator.OAUTH_PUBLIC_CLIENT_ID).body());
            assertThat(m.find()).isTrue();
            clock.now = clock.now.plus(Duration.ofMinutes(11));
            assertThat(f.api.form("/oauth/authorizations/new", "consent_id=" + Api.enc(m.group(1)) + "&decision=allow").status())
                    .isEqualTo(400);
            assertThat(zd.admin().oauthStats().authorizationCodes()).isEqualTo(2);
        }
    }
}
