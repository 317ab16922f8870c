package com.credbroker.broker.credential;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The redacted view: same shape, every value replaced by one fixed mask unless its field is on an
 * explicit list of non-secret fields. Nothing is guessed from a name: a header called {@code X-Tenant}
 * may carry a key as well as one called {@code X-Auth}. The lists:
 * <ul>
 *   <li>{@code credentials}: only {@code expires_in} (computed at response time);
 *   <li>{@code extra_headers}: content negotiation only ({@link #CLEAR_HEADERS}), compared without case;
 *   <li>{@code query_params}: paging and format parameters only ({@link #CLEAR_QUERY_PARAMS});
 *   <li>{@code extra_data}: none, every value is masked (a nested object or list as one mask).
 * </ul>
 * The top-level metadata fields (IDs, app, status, URLs, account e-mail and ID, timestamps) are named
 * one by one in {@link CredentialViews} and stay in clear; {@code id_token} and {@code code_verifier} are
 * masked.
 */
final class Redaction {
    static final String MASK = "[REDACTED]";
    static final Set<String> CLEAR_HEADERS = Set.of("accept", "accept-language", "content-type", "user-agent");
    static final Set<String> CLEAR_QUERY_PARAMS = Set.of("page", "per_page", "limit", "format");

    private Redaction() {
    }

    static String mask(String value) {
        return value == null ? null : MASK;
    }

    /** Masks every non-null value of a map, keeping its keys. */
    static <V> Map<String, Object> maskAll(Map<String, V> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(key, value == null ? null : MASK));
        return out;
    }

    /** Masks every value whose key (without letter case) is not in {@code clear}. */
    static Map<String, String> maskAllBut(Map<String, String> values, Set<String> clear) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(key, clear.contains(key.toLowerCase(Locale.ROOT)) ? value : mask(value)));
        return out;
    }
}
