package io.camelzendesk.component.webhook;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a verified delivery is new, on two keys:
 * <ul>
 * <li>its <b>signature</b> (which covers the timestamp and the body): a signature already seen within the
 * clock-skew window is a replay, whatever invocation id comes with it. Kept in this node's time-expiring
 * {@link WebhookReplayGuard}, and, when an idempotent repository is configured (several replicas), in that
 * repository too as {@code signature:<signature>}, so that a replay sent to another replica is recognised as
 * well;</li>
 * <li>its <b>invocation id</b> (else its event id): Zendesk's own redelivery of one invocation, signed anew.</li>
 * </ul>
 * In the repository a key means taken (running or done) and {@code <key>:done} means completed: a replica that finds
 * a key taken but not done answers 409, so that a first attempt that then fails is retried and processed. A failed
 * route forgets both keys, so that Zendesk's retry is processed.
 */
final class WebhookDeduplicator {

    /** Suffix of the key that marks a delivery as completed (the plain key means taken: running or done). */
    static final String DONE_SUFFIX = ":done";
    /** Prefix of a signature's key in a shared repository. */
    static final String SIGNATURE_PREFIX = "signature:";

    enum Outcome {
        /** New: route it, then {@link Claim#completed()} or {@link Claim#failed()}. */
        CLAIMED,
        /** Already processed: acknowledge (2xx, so that Zendesk stops) and do not route. */
        DUPLICATE,
        /** Being processed, here or on another replica: 409, Zendesk retries it later. */
        IN_PROGRESS,
        /** The repository failed or the replay window is full: 503, Zendesk retries it later. */
        UNAVAILABLE
    }

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskWebhookConsumer.class);

    private final IdempotentRepository repository;
    private final boolean signaturesInRepository;
    private final WebhookReplayGuard replays;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * @param repository where invocation ids are kept
     * @param shared the repository is the user's (possibly shared by replicas): signatures are kept there too
     */
    WebhookDeduplicator(IdempotentRepository repository, boolean shared, WebhookReplayGuard replays) {
        this.repository = repository;
        this.signaturesInRepository = shared;
        this.replays = replays;
    }

    /** A delivery's hold on its keys, and the outcome of taking them. */
    final class Claim {
        private final Outcome outcome;
        private final String reason;
        private final String key;
        private final String signature;

        private Claim(Outcome outcome, String reason, String key, String signature) {
            this.outcome = outcome;
            this.reason = reason;
            this.key = key;
            this.signature = signature;
        }

        Outcome outcome() {
            return outcome;
        }

        /** Why it is not {@link Outcome#CLAIMED}, for the log. */
        String reason() {
            return reason;
        }

        /** The route completed: both keys are done, a further delivery with either is a duplicate. */
        void completed() {
            if (signature != null) {
                signatureDone(signature);
            }
            if (key != null) {
                keyDone(key);
            }
        }

        /** The route failed (or never ran): both keys are forgotten, so that Zendesk's retry is processed. */
        void failed() {
            if (signature != null) {
                releaseSignature(signature);
            }
            if (key != null) {
                forget(key);
            }
        }
    }

    /**
     * @param key the invocation id, else the event id; may be null (a trigger payload without the header)
     * @param signature the verified signature; null when signatures are not verified
     * @param expiresAt epoch millis after which the signature is stale
     */
    Claim claim(String key, String signature, long expiresAt, long now) {
        if (signature != null) {
            Claim refused = claimSignature(signature, expiresAt, now);
            if (refused != null) {
                return refused;
            }
        }
        if (key != null) {
            Outcome outcome = claimKey(key, key);
            if (outcome != Outcome.CLAIMED) {
                if (signature != null) {
                    if (outcome == Outcome.DUPLICATE) {
                        // a redelivery of a processed invocation: acknowledged, so its signature is spent too
                        signatureDone(signature);
                    } else {
                        releaseSignature(signature);
                    }
                }
                return new Claim(outcome, outcome == Outcome.DUPLICATE ? "invocation already processed"
                        : outcome == Outcome.IN_PROGRESS ? "invocation being processed" : "repository failed",
                        null, null);
            }
        }
        return new Claim(Outcome.CLAIMED, null, key, signature);
    }

    /** Null when the signature is new and now taken, else the refusal. */
    private Claim claimSignature(String signature, long expiresAt, long now) {
        switch (replays.claim(signature, expiresAt, now)) {
            case DONE:
                return new Claim(Outcome.DUPLICATE, "signature already seen (a replay)", null, null);
            case IN_PROGRESS:
                return new Claim(Outcome.IN_PROGRESS, "signature being processed", null, null);
            case FULL:
                LOG.warn("Zendesk webhook: more deliveries within maxClockSkew than the replay window holds;"
                         + " answered 503 (a lower maxClockSkew holds fewer)");
                return new Claim(Outcome.UNAVAILABLE, "replay window full", null, null);
            default:
                break;
        }
        if (signaturesInRepository) {
            Outcome outcome = claimKey(SIGNATURE_PREFIX + signature, "(by its signature)");
            if (outcome == Outcome.DUPLICATE) {
                replays.done(signature);
                return new Claim(outcome, "signature already seen by a replica (a replay)", null, null);
            }
            if (outcome != Outcome.CLAIMED) {
                replays.release(signature);
                return new Claim(outcome, outcome == Outcome.IN_PROGRESS ? "signature being processed by a replica"
                        : "repository failed", null, null);
            }
        }
        return null;
    }

    /** Takes one key here and in the repository; {@code label} names it in the log (never a signature). */
    private Outcome claimKey(String key, String label) {
        if (!inFlight.add(key)) {
            return Outcome.IN_PROGRESS;
        }
        boolean first;
        try {
            first = repository.add(key);
        } catch (RuntimeException e) {
            // a remote repository (JDBC, Redis, ...) that fails: let Zendesk try again later
            inFlight.remove(key);
            LOG.warn("Zendesk webhook delivery {}: the idempotent repository failed: {}", label, e.toString());
            return Outcome.UNAVAILABLE;
        }
        if (first) {
            return Outcome.CLAIMED;
        }
        inFlight.remove(key);
        try {
            // taken by another replica and not completed yet: it may still fail, so this is not acknowledged
            return repository.contains(key + DONE_SUFFIX) ? Outcome.DUPLICATE : Outcome.IN_PROGRESS;
        } catch (RuntimeException e) {
            LOG.warn("Zendesk webhook delivery {}: the idempotent repository failed: {}", label, e.toString());
            return Outcome.UNAVAILABLE;
        }
    }

    private void signatureDone(String signature) {
        replays.done(signature);
        if (signaturesInRepository) {
            keyDone(SIGNATURE_PREFIX + signature);
        }
    }

    private void releaseSignature(String signature) {
        replays.release(signature);
        if (signaturesInRepository) {
            forget(SIGNATURE_PREFIX + signature);
        }
    }

    private void keyDone(String key) {
        try {
            repository.confirm(key);
            repository.add(key + DONE_SUFFIX);
        } catch (RuntimeException e) {
            // the route completed: the delivery is answered as processed all the same; a retry of it on
            // another replica gets 409 (not known as done) until Zendesk stops retrying
            LOG.warn("Zendesk webhook delivery {}: could not mark it as done in the idempotent repository ({})",
                    label(key), e.toString());
        } finally {
            inFlight.remove(key);
        }
    }

    private void forget(String key) {
        try {
            repository.remove(key);
        } catch (RuntimeException e) {
            LOG.warn("Zendesk webhook delivery {}: could not remove its key from the idempotent repository ({});"
                     + " Zendesk's retry will be taken for a duplicate", label(key), e.toString());
        } finally {
            inFlight.remove(key);
        }
    }

    private static String label(String key) {
        return key.startsWith(SIGNATURE_PREFIX) ? "(by its signature)" : key;
    }
}
