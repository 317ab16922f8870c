package com.credbroker.broker.cli;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.BrokerStorage;
import com.credbroker.config.BrokerConfig;
import com.credbroker.config.ConfigLoader;
import com.credbroker.storage.crypto.MasterKey;
import com.credbroker.storage.crypto.MasterKeySource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rotate-master-key --new-key-file F}: rewraps only the keyring (and its canary) under a new
 * master key, in one transaction, and audits it as {@code cli:<OS user>}. The broker must start with the
 * new key afterwards: when it used the generated {@code master.key} of the data directory, that file is
 * replaced (the old one kept beside it, 0600); when the key came from a setting, the command says which
 * setting to change and to what. Offline only: the running broker holds the master key it started with.
 */
@Command(name = "rotate-master-key", description = "Rewrap the keyring under a new master key (broker stopped).")
public final class RotateMasterKeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--new-key-file", required = true, description = "file holding the new key (base64 of 32 bytes)")
    Path newKeyFile;

    @Override
    public Integer call() throws Exception {
        MasterKey newKey = MasterKeySource.readKeyFile(newKeyFile);
        BrokerConfig config = ConfigLoader.load(System.getenv());
        try (BrokerStorage storage = StorageCommand.open(config)) {
            OperatorAudit.audited(storage, AuditAction.KEYRING_ROTATE_MASTER_KEY, null, () -> {
                storage.keyring().rotateMasterKey(newKey);
                return newKeyFile;
            }, file -> null);
        }
        spec.commandLine().getOut().println("keyring rewrapped under the new master key; " + nextStart(config));
        return 0;
    }

    /** What the next start needs: the generated key file replaced here, or the one setting to change. */
    private String nextStart(BrokerConfig config) {
        String file = newKeyFile.toAbsolutePath().normalize().toString();
        if (config.crypto().masterKey().isPresent()) {
            return "the old key no longer opens this database: set CREDBROKER_MASTER_KEY" + where("CREDBROKER_MASTER_KEY")
                    + " to the contents of " + file + " before the next start (CREDBROKER_MASTER_KEY=\"$(cat " + file
                    + ")\")";
        }
        if (config.crypto().masterKeyFile().isPresent()) {
            return "the old key no longer opens this database: set CREDBROKER_MASTER_KEY_FILE=" + file
                    + where("CREDBROKER_MASTER_KEY_FILE") + " (or copy that file over "
                    + config.crypto().masterKeyFile().get().toAbsolutePath().normalize() + ") before the next start";
        }
        if (config.crypto().masterPassphrase().isPresent()) {
            return "the passphrase no longer opens this database: unset CREDBROKER_MASTER_PASSPHRASE"
                    + where("CREDBROKER_MASTER_PASSPHRASE") + " and set CREDBROKER_MASTER_KEY_FILE=" + file
                    + " before the next start";
        }
        try {
            Path aside = MasterKeySource.replaceGeneratedKeyFile(config.dataDir(), MasterKeySource.readKeyFile(newKeyFile),
                    Clock.systemUTC().instant());
            Path current = config.dataDir().resolve(MasterKeySource.GENERATED_FILE_NAME).toAbsolutePath().normalize();
            return current + " now holds it (mode 0600), so the broker starts as before; the previous key is kept in "
                    + aside.toAbsolutePath().normalize() + " (mode 0600) for backups made under it";
        } catch (IOException e) {
            throw CliException.failed("keyring rewrapped under the new master key, but the generated key file could"
                    + " not be replaced (" + StartupFailures.cause(e) + "): copy " + file + " to "
                    + config.dataDir().resolve(MasterKeySource.GENERATED_FILE_NAME) + " before the next start");
        }
    }

    /** Settings may come from the CREDBROKER_CONFIG file as well as the environment. */
    private static String where(String setting) {
        return System.getenv(setting) != null ? "" : " (in the CREDBROKER_CONFIG file)";
    }
}
