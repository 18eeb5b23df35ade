package io.camelzendesk.emulator.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Zendesk renders times as ISO-8601 UTC with second precision. */
public final class Times {
    private Times() {
    }

    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String isoSeconds(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    /** Parses an ISO instant or a date; null when unparseable. */
    public static Instant parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }
}
