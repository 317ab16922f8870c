package com.credbroker.storage.credential;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules every stored credential record obeys, whichever path writes it (admin request, connect
 * flow, refresh): only OAUTH2 can be INITIATED (it is born in the connect flow); an ACTIVE record carries
 * its scheme's credential fields ({@link SchemeFields}) as non-empty strings; an API key's
 * {@code header_name} and {@code query_param_name} are plain names and exclude each other; a BASIC
 * {@code username} has no {@code ':'} (RFC 7617). Checked by {@link Credential.Builder#build()}.
 * Messages name fields, never values. Stateless and thread-safe.
 */
public final class CredentialRules {
    private static final Pattern HEADER_OR_PARAMETER = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CredentialRules() {
    }

    /** Returns {@code c} when it obeys every rule; otherwise throws {@link InvalidCredentialException}. */
    public static Credential check(Credential c) {
        if (c.status() == CredentialStatus.INITIATED && c.authScheme() != AuthScheme.OAUTH2) {
            throw new InvalidCredentialException("only an OAUTH2 connection can be INITIATED");
        }
        if (c.status() == CredentialStatus.ACTIVE) {
            for (String field : SchemeFields.required(c.authScheme())) {
                if (SchemeFields.text(c.secrets(), field) == null) {
                    throw new InvalidCredentialException("an ACTIVE " + c.authScheme()
                            + " connection needs credentials." + field);
                }
            }
        }
        if (c.authScheme() == AuthScheme.API_KEY) {
            checkApiKey(c.secrets().credentials());
        } else if (c.authScheme() == AuthScheme.BASIC) {
            checkBasic(c.secrets());
        }
        return c;
    }

    private static void checkApiKey(Map<String, Object> fields) {
        for (String name : new String[] {SchemeFields.HEADER_NAME, SchemeFields.QUERY_PARAM_NAME}) {
            Object value = fields.get(name);
            if (value != null && !(value instanceof String text && HEADER_OR_PARAMETER.matcher(text).matches())) {
                throw new InvalidCredentialException("credentials." + name
                        + " must be 1-64 characters of A-Z a-z 0-9 - _ .");
            }
        }
        if (fields.get(SchemeFields.HEADER_NAME) != null && fields.get(SchemeFields.QUERY_PARAM_NAME) != null) {
            throw new InvalidCredentialException(
                    "credentials.header_name and credentials.query_param_name exclude each other");
        }
    }

    private static void checkBasic(CredentialSecrets secrets) {
        String user = SchemeFields.text(secrets, SchemeFields.USERNAME);
        if (user != null && user.contains(":")) {
            throw new InvalidCredentialException("credentials.username must not contain ':' (RFC 7617)");
        }
    }
}
