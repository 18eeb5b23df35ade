package io.camelzendesk.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How Zendesk signs a webhook delivery: {@code base64(HMAC-SHA256(secret, timestamp + raw body))}, sent as
 * {@code X-Zendesk-Webhook-Signature} with the timestamp in {@code X-Zendesk-Webhook-Signature-Timestamp}. The
 * emulator signs its deliveries with it; tests use it to sign deliveries of their own (independently of the
 * component's verifier).
 */
public final class WebhookSigning {

    private WebhookSigning() {
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
