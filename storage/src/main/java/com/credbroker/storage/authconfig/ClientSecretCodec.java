package com.credbroker.storage.authconfig;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.db.StorageException;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;

/**
 * Turns an auth config's secret fields into a sealed payload and back: JSON
 * {@code {"client_secret": ..., "row": {...}}}, then the one {@link Cryptographer} with the AAD
 * {@code auth_config:<auth_config_id>}. {@code row} is the {@link AuthConfigBinding} of the plain columns
 * written with it; {@link #open} refuses a payload whose binding is missing or differs from the row's
 * columns ({@link com.credbroker.storage.crypto.TamperedRowException}, logged and counted). A config
 * without a secret is sealed too, so every row looks alike and a payload moved between rows fails either
 * way. Plaintext buffers are zeroed after use; parse failures never carry the plaintext in their message or
 * cause.
 */
final class ClientSecretCodec {
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The sealed JSON document. Unknown fields are ignored so later versions may add secret fields. */
    record SealedFields(@JsonProperty("client_secret") String clientSecret,
                        @JsonProperty("row") AuthConfigBinding row) {
        @Override
        public String toString() {
            return "SealedFields[clientSecret=[REDACTED]]";
        }
    }

    static String aad(String authConfigId) {
        return "auth_config:" + authConfigId;
    }

    /** Seals the secret of {@code stored} with the binding of its plain columns. */
    byte[] seal(Cryptographer cryptographer, AuthConfig stored) {
        return seal(cryptographer, new SealedFields(stored.clientSecret(), AuthConfigBinding.of(stored)),
                stored.authConfigId());
    }

    byte[] seal(Cryptographer cryptographer, SealedFields fields, String authConfigId) {
        byte[] plaintext;
        try {
            plaintext = json.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new StorageException("auth config secrets could not be serialised");
        }
        try {
            return cryptographer.seal(plaintext, aad(authConfigId));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * The client secret, when the payload opens and was sealed with {@code stored} as its columns.
     *
     * @throws com.credbroker.storage.crypto.DecryptionException when the payload does not open, or (as a
     *         {@link com.credbroker.storage.crypto.TamperedRowException}) when its binding does not match
     */
    String open(Cryptographer cryptographer, byte[] payload, String authConfigId, AuthConfigBinding stored) {
        SealedFields fields = openUnverified(cryptographer, payload, authConfigId);
        if (fields.row() == null || !fields.row().equals(stored)) {
            throw cryptographer.tamperedRows().refused(JdbcAuthConfigRepository.TABLE, authConfigId);
        }
        return fields.clientSecret();
    }

    /** The sealed fields without checking the binding: only for the one-time adoption of unbound rows. */
    SealedFields openUnverified(Cryptographer cryptographer, byte[] payload, String authConfigId) {
        byte[] plaintext = cryptographer.open(payload, aad(authConfigId));
        try {
            return json.readValue(plaintext, SealedFields.class);
        } catch (IOException e) {
            throw new StorageException("stored auth config secrets are not readable");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
