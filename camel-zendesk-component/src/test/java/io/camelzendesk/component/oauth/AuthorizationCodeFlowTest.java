package io.camelzendesk.component.oauth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What needs no Zendesk: the PKCE challenge, the lifetime and the bound of pending authorizations. */
class AuthorizationCodeFlowTest {

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000_000);

    private AuthorizationCodeFlow flow() {
        TokenFileRepository repository = TokenFileRepository.inDirectory(dir.toString());
        repository.start();
        return new AuthorizationCodeFlow(new TokenStore(repository, null), "client", "secret", Duration.ofMinutes(30),
                Duration.ofDays(30), now::get);
    }

    private static String state(String url) {
        return AuthorizationCodeFlow.parseQuery(URI.create(url).getRawQuery()).get("state");
    }

    @Test
    void theChallengeIsRfc7636S256() {
        // RFC 7636, appendix B
        assertThat(AuthorizationCodeFlow.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void aCallbackAfterTenMinutesIsRefusedWithoutCallingZendesk() {
        AuthorizationCodeFlow flow = flow();
        // an unreachable base URL: any exchange would fail differently
        String url = flow.start("acme", "http://127.0.0.1:1", "http://127.0.0.1:2/callback", "read");
        now.addAndGet(AuthorizationCodeFlow.PENDING_LIFETIME.toMillis());

        AuthorizationCodeFlow.Result r = flow.complete(Map.of("state", state(url), "code", "c"));

        assertThat(r.outcome()).isEqualTo(AuthorizationCodeFlow.Outcome.REFUSED);
        assertThat(r.reason()).contains("expired");
        assertThat(flow.pendingCount()).isZero();
    }

    @Test
    void expiredAuthorizationsAreDroppedAndAtMostTenThousandWait() {
        AuthorizationCodeFlow flow = flow();
        for (int i = 0; i < AuthorizationCodeFlow.MAX_PENDING; i++) {
            flow.start("acme", "http://127.0.0.1:1", "http://127.0.0.1:2/callback", "read");
        }

        assertThatThrownBy(() -> flow.start("acme", "http://127.0.0.1:1", "http://127.0.0.1:2/callback", "read"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Too many");
        now.addAndGet(AuthorizationCodeFlow.PENDING_LIFETIME.toMillis());
        flow.start("acme", "http://127.0.0.1:1", "http://127.0.0.1:2/callback", "read");
        assertThat(flow.pendingCount()).isEqualTo(1);
    }

    @Test
    void aDenialIsReportedOnOneLineAndUsesTheStateUp() {
        AuthorizationCodeFlow flow = flow();
        String state = state(flow.start("acme", "http://127.0.0.1:1", "http://127.0.0.1:2/callback", "read"));

        AuthorizationCodeFlow.Result r = flow.complete(Map.of("state", state, "error", "access_denied",
                "error_description", "no\nFAKE LOG LINE"));

        assertThat(r.outcome()).isEqualTo(AuthorizationCodeFlow.Outcome.DENIED);
        assertThat(r.account()).isEqualTo("acme");
        assertThat(r.reason()).isEqualTo("access_denied: no FAKE LOG LINE");
        assertThat(flow.complete(Map.of("state", state, "code", "c")).outcome())
                .isEqualTo(AuthorizationCodeFlow.Outcome.REFUSED);
    }

    @Test
    void aMalformedAccountNameIsNotStarted() {
        assertThatThrownBy(() -> flow().start("../etc", "http://127.0.0.1:1", "http://127.0.0.1:2/cb", "read"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
