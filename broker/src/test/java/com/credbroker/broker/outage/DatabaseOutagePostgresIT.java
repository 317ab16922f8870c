package com.credbroker.broker.outage;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.refresh.testing.RotatingProvider;
import com.credbroker.storage.testing.PostgresLoginRole;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A broker on PostgreSQL whose backends are terminated and whose logins are refused, then allowed again. */
@RequiresPostgres
class DatabaseOutagePostgresIT extends DatabaseOutageScenario {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();
    @TempDir
    Path dataDir;

    private PostgresLoginRole role;

    @Override
    void cutOff() {
        assertThat(role.cutOff()).as("backends terminated").isPositive();
    }

    @Override
    void restore() {
        role.restore();
    }

    @Test
    void terminatedConnectionsAnswer503WithoutProviderCallsAndServiceResumesWithoutRestart() throws Exception {
        try (PostgresLoginRole login = PostgresLoginRole.create(schemas.create());
             RotatingProvider provider = RotatingProvider.start()) {
            role = login;
            Map<String, String> env = new HashMap<>(login.brokerEnv());
            env.put("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true");
            try (RunningBroker broker = new RunningBroker(dataDir, env)) {
                runScenario(broker, provider);
            }
        }
    }
}
