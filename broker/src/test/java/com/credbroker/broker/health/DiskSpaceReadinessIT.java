package com.credbroker.broker.health;

import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Free disk space is a metric, a readiness warning well before full, and not ready below the floor. */
class DiskSpaceReadinessIT {
    static final String HUGE = Long.toString(Long.MAX_VALUE / 2);

    @TempDir
    Path dataDir;

    @Test
    void lowDiskSpaceIsAWarningWhileReadyAndTheFreeBytesAreAMetric() throws Exception {
        try (RunningBroker broker = new RunningBroker(dataDir, Map.of("CREDBROKER_DISK_LOW_BYTES", HUGE,
                "CREDBROKER_DISK_MIN_BYTES", "0"))) {
            HttpResponse<String> ready = broker.http.get("/health/ready", Map.of());

            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode json = body(ready);
            assertThat(json.get("status").asText()).isEqualTo("up");
            assertThat(json.at("/checks/disk").asText()).isEqualTo("up");
            assertThat(json.at("/checks/database").asText()).isEqualTo("up");
            assertThat(json.get("warnings").get(0).asText()).startsWith("disk: ")
                    .contains("CREDBROKER_DISK_LOW_BYTES");
            String metrics = broker.metrics();
            assertThat(metrics).containsPattern("credbroker_disk_free_bytes \\d\\.\\d+E\\d+");
        }
    }

    @Test
    void belowTheFloorTheBrokerIsNotReadyAndWithRoomThereIsNoWarning(@TempDir Path otherDir) throws Exception {
        try (RunningBroker broker = new RunningBroker(dataDir, Map.of("CREDBROKER_DISK_LOW_BYTES", HUGE,
                "CREDBROKER_DISK_MIN_BYTES", HUGE))) {
            HttpResponse<String> ready = broker.http.get("/health/ready", Map.of());

            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(body(ready).at("/checks/disk").asText()).isEqualTo("down");
        }
        try (RunningBroker broker = new RunningBroker(otherDir, Map.of("CREDBROKER_DISK_LOW_BYTES", "1",
                "CREDBROKER_DISK_MIN_BYTES", "0"))) {
            JsonNode ready = body(broker.http.get("/health/ready", Map.of()));

            assertThat(ready.get("status").asText()).isEqualTo("up");
            assertThat(ready.has("warnings")).isFalse();
        }
    }
}
