package io.camelzendesk.faults;

import java.time.Duration;
import java.util.Random;

import io.camelzendesk.emulator.Fault;

/**
 * What the emulator does to one write. {@code APPLIED_*}: the write is applied, then the answer is lost (500, 502, 504,
 * a reset, or a timeout: the answer comes after the client gave up). {@code REFUSED_502}: a 502 before anything was
 * applied (the client cannot tell it from APPLIED_502). {@code RATE_LIMITED_429}, {@code UNAVAILABLE_503}: answers
 * that promise nothing was applied, which a client retries. Weights: how often each is drawn.
 */
enum WriteFault {
    NONE(8),
    APPLIED_500(2),
    APPLIED_502(2),
    APPLIED_504(2),
    APPLIED_RESET(2),
    APPLIED_TIMEOUT(2),
    REFUSED_502(2),
    RATE_LIMITED_429(1),
    UNAVAILABLE_503(1);

    /** The producers' request timeout; an APPLIED_TIMEOUT answers after twice that. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1000);

    private final int weight;

    WriteFault(int weight) {
        this.weight = weight;
    }

    static WriteFault draw(Random random) {
        int total = 0;
        for (WriteFault f : values()) {
            total += f.weight;
        }
        int n = random.nextInt(total);
        for (WriteFault f : values()) {
            n -= f.weight;
            if (n < 0) {
                return f;
            }
        }
        throw new IllegalStateException();
    }

    /** Whether the emulator applies the write before the fault (so exactly one copy must exist afterwards). */
    boolean applies() {
        return name().startsWith("APPLIED_");
    }

    /** The emulator fault for the next request with this method on this path, or null for NONE. */
    Fault fault(String method, String pathRegex) {
        Fault f = switch (this) {
            case NONE -> null;
            case APPLIED_500 -> Fault.error500().afterApplying();
            case APPLIED_502 -> Fault.error502().afterApplying();
            case APPLIED_504 -> Fault.error504().afterApplying();
            case APPLIED_RESET -> Fault.dropConnection().afterApplying();
            case APPLIED_TIMEOUT -> Fault.delay(REQUEST_TIMEOUT.multipliedBy(2)).afterApplying();
            case REFUSED_502 -> Fault.error502();
            case RATE_LIMITED_429 -> Fault.rateLimit(1);
            case UNAVAILABLE_503 -> Fault.error503().withRetryAfter(1);
        };
        return f == null ? null : f.onMethod(method).onPath(pathRegex);
    }
}
