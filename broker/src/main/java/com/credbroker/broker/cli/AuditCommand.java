package com.credbroker.broker.cli;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.BrokerStorage;
import com.credbroker.broker.audit.AuditRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import picocli.CommandLine.Option;
import com.credbroker.storage.audit.AuditEntry;
import com.credbroker.storage.audit.AuditVerification;
import com.credbroker.storage.audit.CheckpointInvalidException;
import com.credbroker.storage.audit.CheckpointedAuditLog;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code audit verify}: recomputes the hash chain and compares the trail with its checkpoint (records cut
 * from the end, an emptied trail, a rewritten head, old records deleted beyond retention, a checkpoint
 * that does not authenticate); exit 1 when anything is wrong. {@code audit accept-truncation}: the
 * operator accepts a shortened trail so the broker starts again; the acceptance is itself audited. Only
 * {@code verify} takes {@code --url}: {@code accept-truncation} is needed exactly when the broker refuses to start.
 */
@Command(name = "audit", description = "Audit trail tools.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.AcceptTruncation.class})
public final class AuditCommand {

    @Command(name = "verify", description = "Check the audit trail's hash chain and compare it with its checkpoint;"
            + " exit 1 when anything is wrong.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--url", description = AdminApi.URL_HELP + "; checks while it serves")
        String url;

        @Override
        public Integer call() throws Exception {
            if (url != null) {
                AdminApi api = AdminApi.at(url, Duration.ofMinutes(10));
                JsonNode result = api.json(api.request(AuditRoutes.BASE + "/verify").GET().build());
                return report(new AuditVerification(result.path("intact").asBoolean(),
                        result.path("records_checked").asLong(), result.path("first_broken_seq").isNumber()
                                ? result.path("first_broken_seq").asLong() : null,
                        result.path("problem").isTextual() ? result.path("problem").asText() : null));
            }
            try (BrokerStorage storage = StorageCommand.openAsIs()) {
                return report(storage.auditLog().verify());
            } catch (CheckpointInvalidException e) {
                return report(new AuditVerification(false, 0, null, e.getMessage()));
            }
        }

        /** The same lines whether the trail was read here or by a running broker. */
        private int report(AuditVerification result) {
            PrintWriter out = spec.commandLine().getOut();
            if (result.intact()) {
                out.printf("audit chain intact: %d records; it matches its checkpoint%n", result.recordsChecked());
                return 0;
            }
            if (result.firstBrokenSeq() != null) {
                out.printf("audit chain BROKEN at record %d (%d records checked)%n", result.firstBrokenSeq(),
                        result.recordsChecked());
            } else if (result.problem() != null && result.problem().startsWith("the audit checkpoint")) {
                out.printf("audit checkpoint INVALID: %s%n", result.problem());
            } else {
                out.printf("audit trail SHORTENED: %s%n", result.problem());
            }
            return StartupFailures.FAILED;
        }
    }

    @Command(name = "accept-truncation", description = "Accept a shortened audit trail as it is (recorded in the trail).")
    static final class AcceptTruncation implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (BrokerStorage storage = StorageCommand.openAsIs()) {
                CheckpointedAuditLog trail = storage.auditLog();
                Optional<String> problem = trail.shortened();
                if (problem.isEmpty()) {
                    out.println("the audit trail matches its checkpoint; nothing to accept");
                    return 0;
                }
                long missing = trail.missingAtEnd();
                trail.acceptShortened(new AuditEntry(Clock.systemUTC().instant(), OperatorAudit.actor(),
                        AuditAction.AUDIT_ACCEPT_TRUNCATION.wireName(), null, "missing:" + missing, null));
                out.printf("accepted: %s; the checkpoint now follows the trail as it is%n", problem.get());
                return 0;
            }
        }
    }
}
