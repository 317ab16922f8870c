package com.credbroker.broker.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void autoIsTextAtATerminalAndJsonElsewhere() {
        assertThat(LogFormat.resolve("auto", () -> true)).isEqualTo("text");
        assertThat(LogFormat.resolve("auto", () -> false)).isEqualTo("json");
        assertThat(LogFormat.resolve(null, () -> true)).isEqualTo("text");
        assertThat(LogFormat.resolve(null, () -> false)).isEqualTo("json");
    }

    @Test
    void anExplicitFormatWinsOverTheTerminal() {
        assertThat(LogFormat.resolve("json", () -> true)).isEqualTo("json");
        assertThat(LogFormat.resolve("text", () -> false)).isEqualTo("text");
    }

    @Test
    void aValueTheConfigurationRefusesLogsAsAutoUntilTheStartStops() {
        assertThat(LogFormat.resolve("xml", () -> false)).isEqualTo("json");
    }
}
