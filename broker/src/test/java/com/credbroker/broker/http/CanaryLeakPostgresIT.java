package com.credbroker.broker.http;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.CapturedLogs;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.storage.testing.CanaryScan;
import com.credbroker.storage.testing.PostgresCanaryScan;
import com.credbroker.storage.testing.PostgresSchema;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link CanaryLeakIT} on PostgreSQL: no canary in any column of the broker's schema (text or bytea) either. */
@RequiresPostgres
class CanaryLeakPostgresIT {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();
    @TempDir
    Path dataDir;

    @Test
    void plantedSecretsReachNoColumnLogOrResponse() throws Exception {
        PostgresSchema schema = schemas.create();
        Map<String, String> env = new HashMap<>(schema.brokerEnv());
        env.put("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true");
        CapturedLogs logs = CapturedLogs.start();
        WireMockServer provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
        try (RunningBroker broker = new RunningBroker(dataDir, env)) {
            LeakScenario scenario = new LeakScenario(broker, provider);
            scenario.run();
            for (String canary : scenario.canaries) {
                assertThat(PostgresCanaryScan.find(broker.broker().storage().database().dataSource(), canary))
                        .as(canary).isEmpty();
                assertThat(CanaryScan.find(dataDir, canary)).as(canary).isEmpty();
            }
            CanaryLeakIT.assertCleanOutsideTheDatabase(scenario, logs);
        } finally {
            provider.stop();
            logs.close();
        }
    }
}
