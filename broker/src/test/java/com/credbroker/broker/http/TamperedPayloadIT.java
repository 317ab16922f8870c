package com.credbroker.broker.http;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.CapturedLogs;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.broker.testing.StoredPayloads;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A stored payload with any bit flipped (version, key term, nonce, ciphertext, tag) or moved to another
 * row fails that one connection with a generic error, a log line and a metric; the rest keep working.
 */
class TamperedPayloadIT {
    static final int HEADER = 1 + 4 + 12;
    static final int TAG = 16;

    @TempDir
    Path dataDir;
    private CapturedLogs logs;
    private RunningBroker broker;

    @BeforeEach
    void start() throws Exception {
        logs = CapturedLogs.start();
        broker = new RunningBroker(dataDir);
    }

    @AfterEach
    void stop() {
        broker.close();
        logs.close();
    }

    @Test
    void movedPayloadFailsOnlyItsConnectionWithAGenericLoggedError() throws Exception {
        create("conn_victim", "tok-victim");
        create("conn_donor", "tok-donor");
        create("conn_bystander", "tok-by");
        writePayload("conn_victim", payload("conn_donor"));

        HttpResponse<String> victim = broker.http.get(BY_CONNECTION + "conn_victim", RunningBroker.admin());

        assertGenericUnreadable(victim, "tok-donor", "tok-victim");
        assertThat(broker.http.get(BY_CONNECTION + "conn_bystander", RunningBroker.admin()).statusCode()).isEqualTo(200);
        assertThat(metrics()).contains("credbroker_decryption_failures_total{source=\"request\"} 1.0");
        String requestId = victim.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(logs.events()).anySatisfy(event -> {
            assertThat(event.getFormattedMessage()).contains("failed to decrypt").doesNotContain("tok-");
            assertThat(event.getMDCPropertyMap()).containsEntry("request_id", requestId);
        });
    }

    @Test
    void anyFlippedBitFailsOnlyThatConnectionAndRestoringItReadsAgain() throws Exception {
        create("conn_flip", "tok-flip-secret");
        create("conn_other", "tok-other-secret");
        byte[] original = payload("conn_flip");
        List<Integer> positions = positions(original.length);

        for (int position : positions) {
            writePayload("conn_flip", StoredPayloads.flipped(original, position));
            HttpResponse<String> flipped = broker.http.get(BY_CONNECTION + "conn_flip", RunningBroker.admin());
            assertThat(flipped.statusCode()).as("bit flipped at byte %d", position).isEqualTo(500);
            assertGenericUnreadable(flipped, "tok-flip-secret");
            assertThat(broker.http.get(BY_CONNECTION + "conn_other", RunningBroker.admin()).statusCode())
                    .as("bystander while byte %d is flipped", position).isEqualTo(200);
        }
        writePayload("conn_flip", original);

        assertThat(broker.http.get(BY_CONNECTION + "conn_flip", RunningBroker.admin()).statusCode()).isEqualTo(200);
        assertThat(metrics()).contains("credbroker_decryption_failures_total{source=\"request\"} "
                + positions.size() + ".0");
        assertThat(logs.events()).noneSatisfy(event -> assertThat(event.getFormattedMessage()).contains("tok-"));
        LoggerFactory.getLogger(TamperedPayloadIT.class).info("tampering: {} single-bit flips of a {}-byte envelope,"
                + " each refused alone", positions.size(), original.length);
    }

    /** Every header byte (version, key term, nonce), every tag byte and a spread of ciphertext bytes. */
    static List<Integer> positions(int length) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < HEADER; i++) {
            positions.add(i);
        }
        for (int i = HEADER; i < length - TAG; i += Math.max(1, (length - TAG - HEADER) / 12)) {
            positions.add(i);
        }
        for (int i = length - TAG; i < length; i++) {
            positions.add(i);
        }
        return positions;
    }

    private void assertGenericUnreadable(HttpResponse<String> response, String... secrets) {
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(body(response).at("/error/code").asText()).isEqualTo("credential_unreadable");
        assertThat(body(response).at("/error/message").asText()).isEqualTo("the stored credential could not be read");
        assertThat(response.body()).doesNotContain(secrets).doesNotContain("Exception").doesNotContain("at com.");
    }

    private void create(String connectionId, String token) {
        HttpResponse<String> created = broker.http.post(CREDENTIALS, RunningBroker.admin(),
                Fixtures.oauth2(connectionId, token, 3600));
        assertThat(created.statusCode()).isEqualTo(201);
    }

    byte[] payload(String connectionId) throws Exception {
        return StoredPayloads.read(broker, connectionId);
    }

    void writePayload(String connectionId, byte[] payload) throws Exception {
        StoredPayloads.write(broker, connectionId, payload);
    }

    private String metrics() {
        return broker.metrics();
    }
}
