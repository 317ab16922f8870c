package com.credbroker.broker.credential;

import com.credbroker.broker.http.Json;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.credential.CredentialSummary;
import com.credbroker.storage.credential.SchemeFields;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns domain records into wire responses: full, redacted, and the cached ready form. */
public final class CredentialViews {
    private static final String[] OAUTH2_FIELDS = {"access_token", "refresh_token", "token_type", "scope"};

    private final Json json;
    private final String expiresInSentinel;
    private final byte[] sentinelBytes;

    public CredentialViews(Json json, SecureRandom random) {
        this.json = json;
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        this.expiresInSentinel = "expires-in-" + HexFormat.of().formatHex(nonce);
        this.sentinelBytes = ("\"" + expiresInSentinel + "\"").getBytes(StandardCharsets.UTF_8);
    }

    public static String timestamp(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public ReadyResponse ready(Credential credential, boolean refreshable) {
        boolean withheld = credential.disabled();
        byte[][] redacted = split(response(credential, true));
        byte[][] full = withheld ? redacted : split(response(credential, false));
        return new ReadyResponse(credential.credentialId(), credential.connectionId(), credential.expiresAt(),
                refreshable, full, redacted);
    }

    /** A one-off response (writes, reads by credential ID): only the view asked for, as of {@code now}. */
    public byte[] render(Credential credential, boolean redacted, Instant now) {
        byte[][] view = split(response(credential, redacted || credential.disabled()));
        return new ReadyResponse(credential.credentialId(), credential.connectionId(), credential.expiresAt(), false,
                view, view).render(redacted, now);
    }

    public CredentialSummaryResponse summary(CredentialSummary s) {
        return new CredentialSummaryResponse(s.connectionId(), s.credentialId(), s.status().name(), s.appName(),
                s.authScheme().name(), s.entityId(), s.authConfigId(), timestamp(s.expiresAt()),
                timestamp(s.createdAt()), timestamp(s.updatedAt()), s.statusReason(), s.disabled(), true);
    }

    private CredentialResponse response(Credential c, boolean redacted) {
        CredentialSecrets s = c.secrets();
        Map<String, Object> credentials = credentialFields(c);
        if (redacted) {
            credentials = maskKeepingExpiry(credentials);
        }
        return new CredentialResponse(c.connectionId(), c.credentialId(), c.status().name(), c.appName(),
                c.authScheme().name(), credentials, s.accountEmail(), s.accountId(), c.entityId(),
                c.authConfigId(), s.composioManaged(), s.baseUrl(), s.testRequestEndpoint(), s.callbackUrl(),
                redacted ? Redaction.mask(s.idToken()) : s.idToken(),
                redacted ? Redaction.mask(s.codeVerifier()) : s.codeVerifier(),
                redacted ? Redaction.maskAllBut(s.extraHeaders(), Redaction.CLEAR_HEADERS) : s.extraHeaders(),
                redacted ? Redaction.maskAllBut(s.queryParams(), Redaction.CLEAR_QUERY_PARAMS) : s.queryParams(),
                redacted ? Redaction.maskAll(s.extraData()) : s.extraData(), timestamp(c.expiresAt()), timestamp(c.createdAt()), timestamp(c.updatedAt()),
                c.statusReason(), c.disabled(), redacted);
    }

    private Map<String, Object> credentialFields(Credential c) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (c.authScheme() == AuthScheme.OAUTH2) {
            for (String field : OAUTH2_FIELDS) {
                out.put(field, c.secrets().credentials().get(field));
            }
            out.put("expires_in", c.expiresAt() == null ? null : expiresInSentinel);
        }
        // The scheme's own fields first, in a fixed order (e.g. username before password); extras after.
        for (String field : SchemeFields.required(c.authScheme())) {
            if (c.secrets().credentials().containsKey(field)) {
                out.putIfAbsent(field, c.secrets().credentials().get(field));
            }
        }
        c.secrets().credentials().forEach(out::putIfAbsent);
        return out;
    }

    private Map<String, Object> maskKeepingExpiry(Map<String, Object> credentials) {
        Map<String, Object> masked = Redaction.maskAll(credentials);
        if (credentials.containsKey("expires_in")) {
            masked.put("expires_in", credentials.get("expires_in"));
        }
        return masked;
    }

    /** Splits serialised bytes around the expires_in sentinel: one part when there is none. */
    private byte[][] split(CredentialResponse response) {
        byte[] bytes = json.write(response);
        int at = indexOf(bytes, sentinelBytes);
        if (at < 0) {
            return new byte[][] {bytes};
        }
        return new byte[][] {
            Arrays.copyOfRange(bytes, 0, at),
            Arrays.copyOfRange(bytes, at + sentinelBytes.length, bytes.length)
        };
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
