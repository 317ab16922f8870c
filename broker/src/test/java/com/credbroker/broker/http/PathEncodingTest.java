package com.credbroker.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathEncodingTest {
    @ParameterizedTest
    @ValueSource(strings = {"/v1/a", "/v1/a%20b", "/v1/%2e%2E", "/v1/;x=%41", ""})
    void acceptsWellFormedEscapes(String path) {
        assertThat(PathEncoding.wellFormed(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/;%", "/v1/a%2", "/v1/%zz", "/v1/%g0", "/v1/;x=%_,"})
    void refusesBrokenEscapes(String path) {
        assertThat(PathEncoding.wellFormed(path)).isFalse();
    }
}
