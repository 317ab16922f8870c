package com.credbroker.broker.cli;

import com.credbroker.broker.BrokerStorage;
import com.credbroker.broker.apikey.ApiKeyResponse;
import com.credbroker.broker.apikey.ApiKeyRoutes;
import com.credbroker.broker.apikey.ApiKeyService;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.auth.Scope;
import com.credbroker.broker.domain.NotFoundException;
import com.credbroker.broker.http.Json;
import com.credbroker.storage.apikey.KeyKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keys create|list|revoke}: API keys from the command line; a new secret is printed once, after the
 * creation is in the audit trail (as {@code key.create:key_…} by {@code cli:<OS user>}, or by the admin key
 * with {@code --url}); a revocation is audited too. Without {@code --url} the command opens the database
 * (broker stopped, or a shared PostgreSQL); with it, a running broker's admin API does the same.
 */
@Command(name = "keys", description = "Create, list and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Command(name = "create", description = "Create a key and print it as JSON with its secret (shown only once).")
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
        @Option(names = "--url", description = AdminApi.URL_HELP)
        String url;

        @Override
        public Integer call() throws Exception {
            KeyKind keyKind = KeyKind.fromWireName(kind)
                    .orElseThrow(() -> CliException.usage("unknown kind " + kind + ": use api, flowplate or hub"));
            EnumSet<Scope> granted = EnumSet.noneOf(Scope.class);
            for (String scope : scopes) {
                granted.add(Scope.fromWireName(scope.trim()).orElseThrow(() -> CliException.usage("unknown scope "
                        + scope.trim() + ": use credentials:read, credentials:read_metadata, credentials:write,"
                        + " credentials:refresh or admin")));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (url != null) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("kind", keyKind.wireName());
                body.put("name", name);
                body.put("scopes", granted.stream().map(Scope::wireName).toList());
                AdminApi api = AdminApi.at(url, TIMEOUT);
                out.println(api.json(api.request(ApiKeyRoutes.BASE).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(AdminApi.write(body))).build()));
                return 0;
            }
            try (BrokerStorage storage = StorageCommand.open()) {
                ApiKeyService.CreatedKey created = OperatorAudit.audited(storage, AuditAction.KEY_CREATE, null,
                        () -> service(storage).create(keyKind, name, granted), key -> key.key().id());
                out.println(new String(new Json().write(ApiKeyResponse.of(created.key(), created.secret())),
                        StandardCharsets.UTF_8));
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List keys, one a line: ID, kind, status, scopes, name (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--url", description = AdminApi.URL_HELP)
        String url;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (url != null) {
                AdminApi api = AdminApi.at(url, TIMEOUT);
                for (JsonNode key : api.json(api.request(ApiKeyRoutes.BASE).GET().build()).path("items")) {
                    List<String> keyScopes = new ArrayList<>();
                    key.path("scopes").forEach(scope -> keyScopes.add(scope.asText()));
                    out.println(line(key.path("id").asText(), key.path("kind").asText(), !key.path("revoked_at").isNull(),
                            keyScopes, key.path("name").asText()));
                }
                return 0;
            }
            try (BrokerStorage storage = StorageCommand.open()) {
                for (var key : service(storage).list()) {
                    out.println(line(key.id(), key.kind().wireName(), key.revoked(), key.scopes().stream().sorted()
                            .toList(), key.name()));
                }
            }
            return 0;
        }

        /** Fixed columns first, the free-text name last: {@code awk '{print $1}'} is the ID, {@code $3} the status. */
        private static String line(String id, String kind, boolean revoked, List<String> scopes, String name) {
            return String.format("%s  %-9s %-7s  %-40s  %s", id, kind, revoked ? "revoked" : "active",
                    String.join(",", scopes), name);
        }
    }

    @Command(name = "revoke", description = "Revoke a key by ID.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", description = "the key ID (key_…)")
        String id;
        @Option(names = "--url", description = AdminApi.URL_HELP)
        String url;

        @Override
        public Integer call() throws Exception {
            if (url != null) {
                AdminApi api = AdminApi.at(url, TIMEOUT);
                HttpResponse<String> response = api.send(api.request(ApiKeyRoutes.BASE + "/" + encoded(id)).DELETE()
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 404) {
                    throw CliException.failed("no API key " + id);
                }
                if (response.statusCode() != 204) {
                    throw AdminApi.refused(response.statusCode(), response.body());
                }
            } else {
                try (BrokerStorage storage = StorageCommand.open()) {
                    OperatorAudit.audited(storage, AuditAction.KEY_REVOKE, id, () -> {
                        revoke(storage, id);
                        return id;
                    }, revoked -> revoked);
                }
            }
            spec.commandLine().getOut().println("revoked " + id);
            return 0;
        }

        private static void revoke(BrokerStorage storage, String id) {
            try {
                service(storage).revoke(id);
            } catch (NotFoundException e) {
                throw CliException.failed("no API key " + id);
            }
        }

        private static String encoded(String id) {
            return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    static ApiKeyService service(BrokerStorage storage) {
        return new ApiKeyService(storage.apiKeys(), Clock.systemUTC(), new SecureRandom());
    }
}
