package io.camelzendesk.component.webhook;

import org.junit.jupiter.api.Test;

import io.camelzendesk.component.webhook.WebhookReplayGuard.State;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay window: bounded, each signature kept until it would be refused as stale, never evicted while live. */
class WebhookReplayGuardTest {

    @Test
    void aSignatureIsClaimedOnceThenInProgressThenDoneUntilItExpires() {
        WebhookReplayGuard guard = new WebhookReplayGuard(10);
        assertThat(guard.claim("sig", 1_000, 0)).isEqualTo(State.CLAIMED);
        assertThat(guard.claim("sig", 1_000, 10)).isEqualTo(State.IN_PROGRESS);
        guard.done("sig");
        assertThat(guard.claim("sig", 1_000, 1_000)).isEqualTo(State.DONE);
        // past its expiry the verifier refuses it as stale: it is no longer held
        assertThat(guard.claim("other", 5_000, 1_001)).isEqualTo(State.CLAIMED);
        assertThat(guard.size()).isEqualTo(1);
    }

    @Test
    void aReleasedSignatureMayComeAgain() {
        WebhookReplayGuard guard = new WebhookReplayGuard(10);
        assertThat(guard.claim("sig", 1_000, 0)).isEqualTo(State.CLAIMED);
        guard.release("sig");
        assertThat(guard.claim("sig", 1_000, 0)).isEqualTo(State.CLAIMED);
    }

    @Test
    void whenFullOfLiveSignaturesANewOneIsRefusedAndNoLiveOneIsForgotten() {
        WebhookReplayGuard guard = new WebhookReplayGuard(3);
        for (String s : new String[] { "a", "b", "c" }) {
            assertThat(guard.claim(s, 1_000, 0)).isEqualTo(State.CLAIMED);
            guard.done(s);
        }
        assertThat(guard.claim("d", 1_000, 0)).isEqualTo(State.FULL);
        assertThat(guard.claim("a", 1_000, 0)).isEqualTo(State.DONE);
        // once they expired there is room again
        assertThat(guard.claim("d", 3_000, 1_001)).isEqualTo(State.CLAIMED);
        assertThat(guard.size()).isEqualTo(1);
    }
}
