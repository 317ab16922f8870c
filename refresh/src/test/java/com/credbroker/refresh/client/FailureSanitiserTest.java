package com.credbroker.refresh.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureSanitiserTest {
    final FailureSanitiser sanitiser = FailureSanitiser.redacting("Tok/en+1", "s3cret", null, " ");

    @Test
    void codeIsLowercaseSafeCharactersOnly() {
        assertThat(sanitiser.code("Invalid Grant\n<script>")).isEqualTo("invalid_grant__script_");
    }

    @Test
    void codeIsAtMost64Characters() {
        assertThat(sanitiser.code("e".repeat(100))).hasSize(64);
    }

    @Test
    void emptyCodeBecomesUnknownError() {
        assertThat(sanitiser.code("")).isEqualTo("unknown_error");
    }

    @Test
    void secretInCodeIsRedacted() {
        assertThat(sanitiser.code("S3CRET")).isEqualTo("_redacted_");
    }

    @Test
    void secretsAreRedactedInAnyCaseAndFormEncoded() {
        assertThat(sanitiser.description("a TOK/EN+1 b Tok%2Fen%2B1 c s3CRET d"))
                .isEqualTo("a [REDACTED] b [REDACTED] c [REDACTED] d");
    }

    @Test
    void controlAndFormatCharactersBecomeSpaces() {
        assertThat(sanitiser.description("line1\r\nX-Injected: 1\u202Eevil\u0000end\tok"))
                .isEqualTo("line1 X-Injected: 1 evil end ok");
    }

    @Test
    void nonAsciiLettersStay() {
        assertThat(sanitiser.description("Jeton expiré — überprüfen")).isEqualTo("Jeton expiré — überprüfen");
    }

    @Test
    void descriptionIsAtMost200CharactersWithoutSplittingASurrogatePair() {
        String description = sanitiser.description("x".repeat(199) + "\uD83D\uDE00" + "tail");

        assertThat(description).hasSize(199);
    }

    @Test
    void blankDescriptionBecomesNull() {
        assertThat(sanitiser.description(" \r\n ")).isNull();
        assertThat(sanitiser.description(null)).isNull();
    }

    @Test
    void cleanKeepsClassRetryAfterAndStatus() {
        TokenResult.Failure raw = new TokenResult.Failure(FailureClass.RATE_LIMITED, "HTTP_429", "wait s3cret",
                Duration.ofSeconds(5), 429);

        TokenResult.Failure clean = sanitiser.clean(raw);

        assertThat(clean).isEqualTo(new TokenResult.Failure(FailureClass.RATE_LIMITED, "http_429",
                "wait [REDACTED]", Duration.ofSeconds(5), 429));
    }
}
