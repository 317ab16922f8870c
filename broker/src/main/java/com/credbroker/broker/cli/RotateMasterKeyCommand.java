package com.credbroker.broker.cli;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.BrokerStorage;
import com.credbroker.storage.crypto.MasterKeySource;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rotate-master-key --new-key-file F}: rewraps only the keyring (and its canary) under a new
 * master key, in one transaction, and audits it as {@code cli:<OS user>}. Start the broker with the new
 * key afterwards.
 */
@Command(name = "rotate-master-key", description = "Rewrap the keyring under a new master key (broker stopped).")
public final class RotateMasterKeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--new-key-file", required = true, description = "file holding the new key (base64 of 32 bytes)")
    Path newKeyFile;

    @Override
    public Integer call() throws Exception {
        try (BrokerStorage storage = StorageCommand.open()) {
            OperatorAudit.audited(storage, AuditAction.KEYRING_ROTATE_MASTER_KEY, null, () -> {
                storage.keyring().rotateMasterKey(MasterKeySource.readKeyFile(newKeyFile));
                return newKeyFile;
            }, file -> null);
        }
        spec.commandLine().getOut().println("keyring rewrapped under the new master key; "
                + "start the broker with it from now on (the old key no longer opens this database)");
        return 0;
    }
}
