package com.credbroker.broker.http;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A payload moved to another row fails that one connection with a generic error; the rest keep working. */
class TamperedPayloadIT {
    @TempDir
    Path dataDir;

    @Test
    void movedPayloadFailsOnlyItsConnectionWithAGenericLoggedError() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger errors = (Logger) LoggerFactory.getLogger(ErrorMapper.class);
        errors.addAppender(logs);
        try (RunningBroker broker = new RunningBroker(dataDir)) {
            broker.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_victim", "tok-victim", 3600));
            broker.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_donor", "tok-donor", 3600));
            broker.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_bystander", "tok-by", 3600));
            try (Connection db = broker.broker().storage().database().dataSource().getConnection();
                 PreparedStatement move = db.prepareStatement("UPDATE credentials SET payload = "
                         + "(SELECT payload FROM credentials WHERE connection_id = 'conn_donor') "
                         + "WHERE connection_id = 'conn_victim'")) {
                move.executeUpdate();
            }

            HttpResponse<String> victim = broker.http.get(BY_CONNECTION + "conn_victim", RunningBroker.admin());
            HttpResponse<String> bystander = broker.http.get(BY_CONNECTION + "conn_bystander", RunningBroker.admin());

            assertThat(victim.statusCode()).isEqualTo(500);
            assertThat(body(victim).at("/error/code").asText()).isEqualTo("credential_unreadable");
            assertThat(victim.body()).doesNotContain("tok-donor").doesNotContain("tok-victim");
            assertThat(bystander.statusCode()).isEqualTo(200);
            assertThat(broker.http.get("/metrics", java.util.Map.of()).body())
                    .contains("credbroker_decryption_failures_total 1.0");
            String requestId = victim.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(logs.list).anySatisfy(event -> {
                assertThat(event.getFormattedMessage()).contains("failed to decrypt").doesNotContain("tok-");
                assertThat(event.getMDCPropertyMap()).containsEntry("request_id", requestId);
            });
        } finally {
            errors.detachAppender(logs);
        }
    }
}
