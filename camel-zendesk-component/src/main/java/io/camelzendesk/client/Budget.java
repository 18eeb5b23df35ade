package io.camelzendesk.client;

/** Which of the account's rate-limit budgets a request draws on. */
public enum Budget {
    /** The plan's per-minute API budget. */
    GENERAL,
    /** Help Center requests: the plan's per-minute budget again, counted apart from the Support API's. */
    HELP_CENTER,
    /** Incremental exports: 10 requests per minute (30 with High Volume). */
    INCREMENTAL
}
