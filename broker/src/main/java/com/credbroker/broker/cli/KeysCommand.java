package com.credbroker.broker.cli;

import com.credbroker.broker.BrokerStorage;
import com.credbroker.broker.apikey.ApiKeyResponse;
import com.credbroker.broker.apikey.ApiKeyService;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.auth.Scope;
import com.credbroker.broker.http.Json;
import com.credbroker.storage.apikey.KeyKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keys create|list|revoke}: API keys from the command line; a new secret is printed once, after the
 * creation is in the audit trail (as {@code key.create:key_…} by {@code cli:<OS user>}); a revocation is
 * audited too.
 */
@Command(name = "keys", description = "Create, list and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand {

    @Command(name = "create", description = "Create a key and print its secret (shown only once).")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--kind", defaultValue = "api", description = "api, flowplate or hub (the header it is accepted in)")
        String kind;
        @Option(names = "--name", required = true, description = "a label")
        String name;
        @Option(names = "--scopes", split = ",", required = true,
                description = "credentials:read, credentials:read_metadata, credentials:write, credentials:refresh, admin")
        List<String> scopes;

        @Override
        public Integer call() throws Exception {
            KeyKind keyKind = KeyKind.fromWireName(kind)
                    .orElseThrow(() -> new IllegalArgumentException("--kind must be api, flowplate or hub"));
            EnumSet<Scope> granted = EnumSet.noneOf(Scope.class);
            for (String scope : scopes) {
                granted.add(Scope.fromWireName(scope.trim())
                        .orElseThrow(() -> new IllegalArgumentException("unknown scope " + scope)));
            }
            try (BrokerStorage storage = StorageCommand.open()) {
                ApiKeyService.CreatedKey created = OperatorAudit.audited(storage, AuditAction.KEY_CREATE, null,
                        () -> service(storage).create(keyKind, name, granted), key -> key.key().id());
                spec.commandLine().getOut().println(new String(new Json().write(
                        ApiKeyResponse.of(created.key(), created.secret())), java.nio.charset.StandardCharsets.UTF_8));
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List keys (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (BrokerStorage storage = StorageCommand.open()) {
                for (var key : service(storage).list()) {
                    spec.commandLine().getOut().printf("%s  %-9s %-20s %s%s%n", key.id(), key.kind().wireName(),
                            key.name(), String.join(",", key.scopes()), key.revoked() ? "  (revoked)" : "");
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a key by ID.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", description = "the key ID (key_…)")
        String id;

        @Override
        public Integer call() throws Exception {
            try (BrokerStorage storage = StorageCommand.open()) {
                OperatorAudit.audited(storage, AuditAction.KEY_REVOKE, id, () -> {
                    service(storage).revoke(id);
                    return id;
                }, revoked -> revoked);
                spec.commandLine().getOut().println("revoked " + id);
            }
            return 0;
        }
    }

    static ApiKeyService service(BrokerStorage storage) {
        return new ApiKeyService(storage.apiKeys(), Clock.systemUTC(), new SecureRandom());
    }
}
