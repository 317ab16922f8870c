package com.credbroker.storage.credential;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.db.StorageException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;

/**
 * Turns {@link CredentialSecrets} into a sealed payload and back: JSON, then the one
 * {@link Cryptographer} with the AAD {@code connection:<credential_id>}. Plaintext buffers are
 * zeroed after use. Parse failures never carry the (plaintext) JSON in their message or cause.
 * Thread-safe. Shared by the JDBC stores of the {@code credentials} table.
 */
public final class SecretsCodec {
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static String aad(String credentialId) {
        return "connection:" + credentialId;
    }

    public byte[] seal(Cryptographer cryptographer, CredentialSecrets secrets, String credentialId) {
        byte[] plaintext;
        try {
            plaintext = json.writeValueAsBytes(secrets);
        } catch (JsonProcessingException e) {
            throw new StorageException("credential secrets could not be serialised");
        }
        try {
            return cryptographer.seal(plaintext, aad(credentialId));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** @throws com.credbroker.storage.crypto.DecryptionException when the payload does not open */
    public CredentialSecrets open(Cryptographer cryptographer, byte[] payload, String credentialId) {
        byte[] plaintext = cryptographer.open(payload, aad(credentialId));
        try {
            return json.readValue(plaintext, CredentialSecrets.class);
        } catch (IOException e) {
            throw new StorageException("stored credential secrets are not readable");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
