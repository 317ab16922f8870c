package com.credbroker.storage.audit;

import java.util.Optional;

/**
 * Where an {@link AuditCheckpoint} is kept: never beside the trail it checks (segment files → a
 * database row; a database table → a file in the data directory). Implementations authenticate it
 * under the keyring; one writer at a time (the {@link AuditCheckpointer}).
 */
public interface AuditCheckpointStore {

    /**
     * The stored checkpoint, or empty when none was ever written.
     *
     * @throws CheckpointInvalidException when one is stored but does not authenticate
     */
    Optional<AuditCheckpoint> read();

    void write(AuditCheckpoint checkpoint);

    /** Where it is kept, for messages (e.g. {@code the audit_checkpoint table}). */
    String describe();
}
