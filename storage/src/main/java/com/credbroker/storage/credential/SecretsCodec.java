package com.credbroker.storage.credential;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.db.StorageException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Turns {@link CredentialSecrets} into a sealed payload and back: JSON, then the one
 * {@link Cryptographer} with the AAD {@code connection:<credential_id>}. The JSON also holds, under
 * {@code row}, the {@link CredentialBinding} of the plain columns written with it; {@link #open} refuses a
 * payload whose binding is missing or differs from its row's columns (a
 * {@link com.credbroker.storage.crypto.TamperedRowException}, logged by ID and counted), so a connection
 * moved to another auth config, connection ID or entity around the broker is neither refreshed, tested
 * nor disclosed. Plaintext buffers are zeroed after use. Parse failures never carry the (plaintext) JSON
 * in their message or cause. Thread-safe. Shared by the JDBC stores of the {@code credentials} table.
 */
public final class SecretsCodec {
    static final String TABLE = "credentials";
    private static final String BINDING = "row";

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static String aad(String credentialId) {
        return "connection:" + credentialId;
    }

    /** Seals the secrets of {@code stored} with the binding of its plain columns. */
    public byte[] seal(Cryptographer cryptographer, Credential stored) {
        ObjectNode document = json.valueToTree(stored.secrets());
        document.set(BINDING, json.valueToTree(CredentialBinding.of(stored)));
        return seal(cryptographer, document, stored.credentialId());
    }

    private byte[] seal(Cryptographer cryptographer, JsonNode document, String credentialId) {
        byte[] plaintext;
        try {
            plaintext = json.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new StorageException("credential secrets could not be serialised");
        }
        try {
            return cryptographer.seal(plaintext, aad(credentialId));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * The secrets of the current row of {@code rows} (selected with {@link CredentialRows#PLAIN_COLUMNS} and
     * {@code payload}), when its payload opens and was sealed with the row's columns as they are.
     *
     * @throws com.credbroker.storage.crypto.DecryptionException when the payload does not open, or (as a
     *         {@link com.credbroker.storage.crypto.TamperedRowException}) when its binding does not match
     */
    public CredentialSecrets open(Cryptographer cryptographer, ResultSet rows) throws SQLException {
        String credentialId = rows.getString("credential_id");
        ObjectNode document = document(cryptographer, rows.getBytes("payload"), credentialId);
        JsonNode binding = document.remove(BINDING);
        if (binding == null || !CredentialBinding.of(rows).equals(read(binding, CredentialBinding.class))) {
            throw cryptographer.tamperedRows().refused(TABLE, credentialId);
        }
        return read(document, CredentialSecrets.class);
    }

    /**
     * The secrets without checking the binding: only where nothing is disclosed or sent (the refresh-token
     * flag backfill); a use of the record must go through {@link #open(Cryptographer, ResultSet)}.
     */
    public CredentialSecrets openUnverified(Cryptographer cryptographer, byte[] payload, String credentialId) {
        ObjectNode document = document(cryptographer, payload, credentialId);
        document.remove(BINDING);
        return read(document, CredentialSecrets.class);
    }

    /** The payload of the current row re-sealed with the row's binding; empty when it is bound already. */
    Optional<byte[]> rebind(Cryptographer cryptographer, ResultSet rows) throws SQLException {
        String credentialId = rows.getString("credential_id");
        ObjectNode document = document(cryptographer, rows.getBytes("payload"), credentialId);
        if (document.has(BINDING)) {
            return Optional.empty();
        }
        document.set(BINDING, json.valueToTree(CredentialBinding.of(rows)));
        return Optional.of(seal(cryptographer, document, credentialId));
    }

    private ObjectNode document(Cryptographer cryptographer, byte[] payload, String credentialId) {
        byte[] plaintext = cryptographer.open(payload, aad(credentialId));
        try {
            if (json.readTree(plaintext) instanceof ObjectNode document) {
                return document;
            }
            throw new StorageException("stored credential secrets are not readable");
        } catch (IOException e) {
            throw new StorageException("stored credential secrets are not readable");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private <T> T read(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new StorageException("stored credential secrets are not readable");
        }
    }
}
