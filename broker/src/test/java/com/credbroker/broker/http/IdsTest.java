package com.credbroker.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IdsTest {
    private static final Pattern DOCUMENTED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final String ALPHABET = "aZ09._:-/ %\u0000\r\nü";

    @Test
    void handWrittenCheckAgreesWithTheDocumentedPattern() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            int length = random.nextInt(132);
            StringBuilder id = new StringBuilder();
            for (int j = 0; j < length; j++) {
                id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String candidate = id.toString();
            assertThat(Ids.isConnectionId(candidate)).as(candidate).isEqualTo(DOCUMENTED.matcher(candidate).matches());
        }
    }

    @Test
    void malformedConnectionIdIsABadRequestThatDoesNotEchoIt() {
        assertThatThrownBy(() -> Ids.connectionId("../etc/passwd"))
                .isInstanceOf(ApiException.class)
                .hasMessageNotContaining("passwd")
                .extracting(e -> ((ApiException) e).status()).isEqualTo(400);
    }

    @Test
    void prefixedIdsOfTheWrongShapeAreNotFound() {
        assertThatThrownBy(() -> Ids.prefixed("cred_../x", "cred", "credential"))
                .extracting(e -> ErrorMapper.problemOf(e).orElseThrow().status()).isEqualTo(404);
        assertThat(Ids.prefixed("cred_abcdefghijklmnop1234", "cred", "credential")).isEqualTo("cred_abcdefghijklmnop1234");
    }
}
