package com.credbroker.broker.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.broker.Broker;
import com.credbroker.broker.cli.StartupFailures;
import com.credbroker.config.BrokerConfig;
import com.credbroker.config.ConfigException;
import com.credbroker.config.ConfigTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A bad CREDBROKER_PROVIDERS_FILE stops start-up before anything opens, naming every problem (exit code 2). */
class ProviderStartupTest {
    @TempDir
    Path tmp;

    @Test
    void aBadOperatorFileStopsStartUpWithEveryProblem() throws IOException {
        Path file = Files.writeString(tmp.resolve("providers.json"), "[{\"name\": \"mine\", \"auth_scheme\": \"OAUTH2\","
                + " \"token_url\": \"http://idp.example/token\"}, {\"display_name\": \"nameless\"}]");
        BrokerConfig config = BrokerConfig.builder().set(ConfigTable.DATA_DIR, tmp.resolve("data"))
                .set(ConfigTable.PROVIDERS_FILE, Optional.of(file)).build();

        assertThatThrownBy(() -> Broker.start(config, Clock.systemUTC())).isInstanceOfSatisfying(ConfigException.class,
                e -> {
                    assertThat(e.problems()).containsExactlyInAnyOrder(
                            file + "[0]: display_name: is required", file + "[0]: docs: is required",
                            file + "[0]: refresh_token_rotation: is required for OAUTH2",
                            file + "[0]: token_url: must be an absolute https URL with a host",
                            file + "[1]: name: is required (every operator entry names the template it adds or"
                                    + " overrides)");
                    StringWriter err = new StringWriter();
                    CommandLine cli = new CommandLine(new Bare()).setErr(new PrintWriter(err));
                    assertThat(StartupFailures.handle(e, cli, null)).isEqualTo(2);
                    assertThat(err.toString()).contains("invalid configuration (5 problems)");
                });
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @CommandLine.Command(name = "bare")
    static final class Bare {
    }
}
