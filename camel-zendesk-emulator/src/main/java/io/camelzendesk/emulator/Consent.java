package io.camelzendesk.emulator;

/** What the emulator's user answers on {@code GET /oauth/authorizations/new}. */
public enum Consent {
    /** Approves at once: 302 to the redirect URI with a code (default). */
    AUTO_APPROVE,
    /** Shows a minimal consent page with Allow and Deny buttons. */
    ASK,
    /** Denies at once: 302 to the redirect URI with {@code error=access_denied}. */
    DENY
}
