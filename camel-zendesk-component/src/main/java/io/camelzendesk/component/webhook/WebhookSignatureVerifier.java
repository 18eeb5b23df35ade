package io.camelzendesk.component.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Zendesk's webhook signature: {@code X-Zendesk-Webhook-Signature} must be
 * {@code base64(HMAC-SHA256(signing secret, X-Zendesk-Webhook-Signature-Timestamp + raw body bytes))}, compared in
 * constant time, and the timestamp must be within the allowed clock skew of now (replay protection).
 * <p>
 * Holds the secret only as an initialized {@link Mac}: {@link #toString()} and every failure reason are free of it.
 */
final class WebhookSignatureVerifier {

    static final String ALGORITHM = "HmacSHA256";

    /** Why a delivery was refused; {@code null} from {@link #verify} means it was accepted. */
    enum Failure {
        MISSING_SIGNATURE("missing X-Zendesk-Webhook-Signature or X-Zendesk-Webhook-Signature-Timestamp"),
        MALFORMED_TIMESTAMP("signature timestamp is not ISO-8601"),
        STALE_TIMESTAMP("signature timestamp outside the allowed clock skew"),
        BAD_SIGNATURE("signature does not match");

        final String reason;

        Failure(String reason) {
            this.reason = reason;
        }
    }

    private final SecretKeySpec key;
    private final Mac prototype;
    private final boolean cloneable;
    private final long maxSkewMillis;

    WebhookSignatureVerifier(String secret, Duration maxClockSkew) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.prototype = newMac(key);
        this.cloneable = canClone(prototype);
        this.maxSkewMillis = maxClockSkew.toMillis();
    }

    /**
     * @return null when the signature is valid and fresh, else why not
     */
    Failure verify(String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
            return Failure.MISSING_SIGNATURE;
        }
        Instant signedAt = parseTimestamp(timestamp.trim());
        if (signedAt == null) {
            return Failure.MALFORMED_TIMESTAMP;
        }
        if (Math.abs(now.toEpochMilli() - signedAt.toEpochMilli()) > maxSkewMillis) {
            return Failure.STALE_TIMESTAMP;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return Failure.BAD_SIGNATURE;
        }
        byte[] expected = sign(timestamp.getBytes(StandardCharsets.UTF_8), body);
        return MessageDigest.isEqual(expected, given) ? null : Failure.BAD_SIGNATURE;
    }

    private byte[] sign(byte[] timestamp, byte[] body) {
        Mac mac = mac();
        mac.update(timestamp);
        mac.update(body);
        return mac.doFinal();
    }

    /** A Mac of its own for this call: Mac is not thread-safe; a clone skips the key setup. */
    private Mac mac() {
        if (cloneable) {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                // checked in the constructor
            }
        }
        return newMac(key);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            // the message of a key exception could describe the key: keep only the type
            throw new IllegalStateException("Cannot initialize " + ALGORITHM + " with the signing secret ("
                                            + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean canClone(Mac mac) {
        try {
            mac.clone();
            return true;
        } catch (CloneNotSupportedException e) {
            return false;
        }
    }

    /** ISO-8601 with an offset ({@code 2024-05-01T10:00:00Z}, {@code ...+02:00}). */
    static Instant parseTimestamp(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    @Override
    public String toString() {
        return "WebhookSignatureVerifier[" + ALGORITHM + ", maxClockSkew=" + maxSkewMillis + "ms]";
    }
}
