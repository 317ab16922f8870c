package com.credbroker.refresh.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Makes a {@link TokenResult.Failure} safe to store, log and show: the code is reduced to
 * {@code [a-z0-9_.-]{1,64}}, the description to at most 200 printable characters, and every occurrence
 * of a secret that was sent (raw or form-encoded, any letter case) becomes {@code [REDACTED]} in both.
 * Providers do echo refresh tokens and client secrets in error descriptions. Immutable, thread-safe.
 */
final class FailureSanitiser {
    static final String REDACTED = "[REDACTED]";
    static final int MAX_CODE = 64;
    static final int MAX_DESCRIPTION = 200;
    private static final Pattern CODE_FORBIDDEN = Pattern.compile("[^a-z0-9_.-]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final Pattern secrets;

    private FailureSanitiser(Pattern secrets) {
        this.secrets = secrets;
    }

    /** Redacts the given values (null and blank values are ignored). */
    static FailureSanitiser redacting(String... secretValues) {
        Set<String> needles = new LinkedHashSet<>();
        for (String value : secretValues) {
            if (value != null && !value.isBlank()) {
                needles.add(value);
                needles.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
                needles.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        if (needles.isEmpty()) {
            return new FailureSanitiser(null);
        }
        // Longest first, so a secret that contains another is redacted whole.
        String alternation = needles.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        return new FailureSanitiser(Pattern.compile(alternation, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    TokenResult.Failure clean(TokenResult.Failure failure) {
        return new TokenResult.Failure(failure.failureClass(), code(failure.code()), description(failure.description()),
                failure.retryAfter(), failure.httpStatus());
    }

    String code(String raw) {
        String code = CODE_FORBIDDEN.matcher(redact(raw == null ? "" : raw).toLowerCase(Locale.ROOT)).replaceAll("_");
        code = code.length() > MAX_CODE ? code.substring(0, MAX_CODE) : code;
        return code.isEmpty() ? "unknown_error" : code;
    }

    String description(String raw) {
        if (raw == null) {
            return null;
        }
        String printable = SPACES.matcher(printable(redact(raw))).replaceAll(" ").strip();
        if (printable.length() > MAX_DESCRIPTION) {
            int end = Character.isHighSurrogate(printable.charAt(MAX_DESCRIPTION - 1)) ? MAX_DESCRIPTION - 1
                    : MAX_DESCRIPTION;
            printable = printable.substring(0, end).strip();
        }
        return printable.isEmpty() ? null : printable;
    }

    private String redact(String text) {
        return secrets == null ? text : secrets.matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED));
    }

    /** Replaces control, format (e.g. bidi overrides), separator, private-use and unassigned code points by a space. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (isPrintable(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(' ');
            }
        });
        return out.toString();
    }

    private static boolean isPrintable(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.PRIVATE_USE:
            case Character.SURROGATE:
            case Character.UNASSIGNED:
                return false;
            default:
                return true;
        }
    }
}
