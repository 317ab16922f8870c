package com.credbroker.broker.http;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.credbroker.broker.testing.CapturedLogs;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.storage.testing.CanaryScan;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets planted through every write path ({@link LeakScenario}) appear in no log line, error
 * body, redacted view, listing, audit record, metric, nor in any file of the data directory (the H2
 * database and the audit segments), in any of the encodings {@link CanaryScan} knows.
 */
class CanaryLeakIT {
    @TempDir
    Path dataDir;
    private CapturedLogs logs;
    WireMockServer provider;

    @BeforeEach
    void start() {
        logs = CapturedLogs.start();
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.stop();
        logs.close();
    }

    @Test
    void plantedSecretsAppearNowhereTheyMustNot() throws Exception {
        LeakScenario scenario;
        try (RunningBroker broker = new RunningBroker(dataDir, Map.of("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true"))) {
            scenario = new LeakScenario(broker, provider);
            scenario.run();
        }
        assertCleanOutsideTheDatabase(scenario, logs);
        for (String canary : scenario.canaries) {
            assertThat(CanaryScan.find(dataDir, canary)).as(canary).isEmpty();
        }
    }

    /** Responses, log lines (messages, arguments and exception texts) hold none of the canaries. */
    static void assertCleanOutsideTheDatabase(LeakScenario scenario, CapturedLogs logs) {
        assertThat(scenario.mustBeClean).hasSizeGreaterThan(20);
        for (String text : scenario.mustBeClean) {
            assertThat(text).doesNotContain(scenario.canaries);
        }
        assertThat(logs.events()).isNotEmpty();
        for (ILoggingEvent event : logs.events()) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : event.getThrowableProxy().getMessage()) + event.getMDCPropertyMap();
            assertThat(line).doesNotContain(scenario.canaries);
        }
    }
}
