package com.credbroker.refresh.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Parses an HTTP {@code Retry-After} value (RFC 9110 section 10.2.3): delta-seconds, or an HTTP-date in
 * any of the three formats a recipient must accept (IMF-fixdate, obsolete RFC 850, asctime), measured
 * from the injected clock. Stateless.
 */
final class RetryAfter {
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private RetryAfter() {
    }

    /**
     * The wait the value asks for: a date in the past gives {@link Duration#ZERO}; null when the header
     * is absent or unparseable (including delta-seconds too large for a {@code long}).
     */
    static Duration parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Duration.ofSeconds(Long.parseLong(trimmed));
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
        Instant at = parseHttpDate(trimmed, clock);
        if (at == null) {
            return null;
        }
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static Instant parseHttpDate(String value, Clock clock) {
        for (DateTimeFormatter format : new DateTimeFormatter[] {
                DateTimeFormatter.RFC_1123_DATE_TIME, rfc850(clock), ASCTIME}) {
            try {
                return format.parse(value, Instant::from);
            } catch (DateTimeParseException notThisFormat) {
                // try the next format
            }
        }
        return null;
    }

    /**
     * {@code Sunday, 06-Nov-94 08:49:37 GMT}. RFC 9110 reads a two-digit year that looks more than 50
     * years ahead as the most recent past year with those digits.
     */
    private static DateTimeFormatter rfc850(Clock clock) {
        LocalDate base = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusYears(49);
        return new DateTimeFormatterBuilder()
                .appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, base)
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.US)
                .withZone(ZoneOffset.UTC);
    }
}
