package com.credbroker.broker.audit;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every read (denied ones too), write and key operation lands in the hash-chained trail; fail-closed. */
class AuditTrailIT {
    static final String AUDIT = "/v1/personal-connectors/admin/audit";
    static final String TOKEN = "audit-secret-token-5d1c";

    @TempDir
    Path dataDir;

    @Test
    void readsWritesAndDenialsAreAuditedWithoutSecrets() throws Exception {
        try (RunningBroker broker = new RunningBroker(dataDir)) {
            broker.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_audit", TOKEN, 3600));
            HttpResponse<String> read = broker.http.get(BY_CONNECTION + "conn_audit", RunningBroker.admin());
            Map<String, String> writer = Fixtures.key(broker.http, "api", "credentials:write");
            broker.http.get(BY_CONNECTION + "conn_audit", writer);
            broker.http.get(BY_CONNECTION + "conn_audit", Map.of());

            HttpResponse<String> trail = broker.http.get(AUDIT + "?connection_id=conn_audit", RunningBroker.admin());

            assertThat(trail.statusCode()).isEqualTo(200);
            assertThat(trail.body()).doesNotContain(TOKEN).doesNotContain(RunningBroker.ADMIN_KEY);
            List<String> events = new ArrayList<>();
            for (JsonNode item : body(trail).get("items")) {
                events.add(item.get("action").asText() + "/" + item.get("outcome").asText());
            }
            // the unauthenticated read is counted into a per-client record at the window's end (RefusalAuditIT)
            assertThat(events).containsExactly("credential.read/denied", "credential.read/success",
                    "credential.create/success");
            String readRequestId = read.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(body(trail).get("items").get(1).get("request_id").asText()).isEqualTo(readRequestId);
            assertThat(broker.broker().storage().auditLog().verify().intact()).isTrue();
        }
    }

    @Test
    void auditIsPaginatedNewestFirst() throws Exception {
        try (RunningBroker broker = new RunningBroker(dataDir)) {
            broker.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_pages", TOKEN, 3600));
            for (int i = 0; i < 5; i++) {
                broker.http.get(BY_CONNECTION + "conn_pages", RunningBroker.admin());
            }
            JsonNode first = body(broker.http.get(AUDIT + "?connection_id=conn_pages&limit=4", RunningBroker.admin()));
            JsonNode second = body(broker.http.get(AUDIT + "?connection_id=conn_pages&limit=4&cursor="
                    + first.get("next_cursor").asText(), RunningBroker.admin()));

            assertThat(first.get("items")).hasSize(4);
            assertThat(second.get("items")).hasSize(2);
            assertThat(first.get("items").get(0).get("seq").asLong())
                    .isGreaterThan(first.get("items").get(3).get("seq").asLong());
            assertThat(second.get("next_cursor").isNull()).isTrue();
        }
    }

    @Test
    void credentialIsNotReturnedWhenTheAuditRecordCannotBeWritten() throws Exception {
        try (RunningBroker broker = new RunningBroker(dataDir)) {
            broker.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_fail_closed", TOKEN, 3600));
            assertThat(broker.http.get(BY_CONNECTION + "conn_fail_closed", RunningBroker.admin()).statusCode())
                    .isEqualTo(200);

            broker.broker().storage().auditLog().close();
            HttpResponse<String> refused = broker.http.get(BY_CONNECTION + "conn_fail_closed", RunningBroker.admin());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).doesNotContain(TOKEN);
            assertThat(body(refused).at("/error/code").asText()).isEqualTo("audit_unavailable");
        }
    }
}
