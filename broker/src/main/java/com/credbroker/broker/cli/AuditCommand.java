package com.credbroker.broker.cli;

import com.credbroker.broker.BrokerStorage;
import com.credbroker.storage.audit.AuditVerification;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code audit verify}: recomputes the hash chain; exit 1 when it is broken. */
@Command(name = "audit", description = "Audit trail tools.", subcommands = AuditCommand.Verify.class)
public final class AuditCommand {

    @Command(name = "verify", description = "Check the audit trail's hash chain.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (BrokerStorage storage = StorageCommand.open()) {
                AuditVerification result = storage.auditLog().verify();
                if (result.intact()) {
                    spec.commandLine().getOut().printf("audit chain intact: %d records%n", result.recordsChecked());
                    return 0;
                }
                spec.commandLine().getOut().printf("audit chain BROKEN at record %d (%d records checked)%n",
                        result.firstBrokenSeq(), result.recordsChecked());
                return 1;
            }
        }
    }
}
