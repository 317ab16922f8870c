package com.credbroker.refresh.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The token client against WireMock: how each failing or unusable provider answer is classified. */
class NimbusTokenClientErrorsIT extends WireMockTokenEndpoint {
    // --- OAuth errors ---

    @Test
    void invalidGrantIsFinal() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_GRANT);
        assertThat(failure.code()).isEqualTo("invalid_grant");
        assertThat(failure.description()).isEqualTo("Token has been expired or revoked.");
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.reason()).isEqualTo("invalid_grant: Token has been expired or revoked.");
    }

    @Test
    void descriptionKeepsNonAsciiTextButNotLineBreaks() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Jeton expiré\\r\\nréessayez\"}"));

        assertThat(failure(refresh()).description()).isEqualTo("Jeton expiré réessayez");
    }

    @Test
    void invalidClientRejectsTheClient() {
        answer(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\"}"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(failure.code()).isEqualTo("invalid_client");
        assertThat(failure.description()).isNull();
    }

    @Test
    void unauthorizedClientRejectsTheClient() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"unauthorized_client\",\"error_description\":\"client disabled\"}"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(failure.code()).isEqualTo("unauthorized_client");
    }

    @Test
    void otherOAuthErrorIsRejectedWithItsCode() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_scope\",\"error_description\":\"scope widened\"}"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.REJECTED);
        assertThat(failure.code()).isEqualTo("invalid_scope");
    }

    @Test
    void oauthErrorInFormEncodedBodyIsClassified() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody("error=invalid_grant&error_description=revoked"));

        assertThat(failure(refresh()).failureClass()).isEqualTo(FailureClass.INVALID_GRANT);
    }

    @Test
    void errorInSuccessfulResponseIsClassifiedAsGitHubSendsIt() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody("error=bad_refresh_token&error_description=The+refresh+token+passed+is+incorrect+or+expired."));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_GRANT);
        assertThat(failure.code()).isEqualTo("bad_refresh_token");
        assertThat(failure.description()).isEqualTo("The refresh token passed is incorrect or expired.");
    }

    @Test
    void bare401RejectsTheClient() {
        answer(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"token\"")
                .withBody("Unauthorized"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(failure.code()).isEqualTo("http_401");
    }

    @Test
    void other4xxWithoutOAuthErrorIsRejectedWithItsStatus() {
        answer(aResponse().withStatus(404).withHeader("Content-Type", "text/html").withBody("<h1>Not Found</h1>"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.REJECTED);
        assertThat(failure.code()).isEqualTo("http_404");
    }

    // --- transient and rate limited ---

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408})
    void serverErrorsAndRequestTimeoutAreTransient(int status) {
        answer(aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody("<html>down</html>"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(failure.code()).isEqualTo("http_" + status);
        assertThat(failure.httpStatus()).isEqualTo(status);
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void serverErrorNeverKillsTheGrantWhateverItsBodySays() {
        answer(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\"}"));

        assertThat(failure(refresh()).failureClass()).isEqualTo(FailureClass.TRANSIENT);
    }

    @Test
    void serviceUnavailableKeepsRetryAfter() {
        answer(aResponse().withStatus(503).withHeader("Retry-After", "30"));

        assertThat(failure(refresh()).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rateLimitedWithRetryAfterSeconds() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "120"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
        assertThat(failure.code()).isEqualTo("http_429");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void rateLimitedWithRetryAfterHttpDateMeasuredFromTheInjectedClock() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "Thu, 01 Jan 2026 00:02:30 GMT"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void rateLimitedWithoutRetryAfterHasNoWait() {
        answer(aResponse().withStatus(429));

        assertThat(failure(refresh()).retryAfter()).isNull();
    }

    // --- garbage 2xx ---

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "html            | text/html        | <html><body>Sign in</body></html>                           | bad_response",
        "empty body      | application/json | ~~                                                          | empty_response",
        "JSON array      | application/json | [1,2]                                                       | bad_response",
        "broken JSON     | application/json | {\"access_token\":                                          | bad_response",
        "no access_token | application/json | {\"token_type\":\"Bearer\"}                                 | missing_access_token",
        "blank token     | application/json | {\"access_token\":\" \",\"token_type\":\"Bearer\"}          | missing_access_token",
        "numeric token   | application/json | {\"access_token\":42,\"token_type\":\"Bearer\"}             | missing_access_token",
        "no token_type   | application/json | {\"access_token\":\"at\"}                                   | missing_token_type",
        "mac token_type  | application/json | {\"access_token\":\"at\",\"token_type\":\"mac\"}            | unknown_token_type",
        "odd token_type  | application/json | {\"access_token\":\"at\",\"token_type\":\"Cookie\"}         | unknown_token_type",
        "expires abc     | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":\"abc\"} | invalid_expires_in",
        "expires -5      | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":-5}      | invalid_expires_in",
        "expires \"-5\"  | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":\"-5\"}  | invalid_expires_in",
        "expires 0       | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":0}       | invalid_expires_in",
        "expires 1e12    | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":1000000000000} | invalid_expires_in",
        "expires 1.5     | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":1.5}     | invalid_expires_in",
        "refresh number  | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"refresh_token\":7}    | invalid_refresh_token",
        "scope object    | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"scope\":{}}           | malformed_scope",
        "id_token number | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"id_token\":1}         | invalid_id_token",
    })
    void unusableSuccessfulResponseIsBadResponse(String name, String contentType, String body, String code) {
        answer(aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(body == null ? "" : body));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.BAD_RESPONSE);
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.httpStatus()).isEqualTo(200);
    }

    @Test
    void tokenTypeIsMatchedInAnyCaseAndReportedCanonically() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"BEARER\"}"));

        assertThat(tokens(refresh()).tokenType()).isEqualTo("Bearer");
    }

    @Test
    void emptyRefreshTokenMeansNoneWasSent() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"refresh_token\":\"\"}"));

        assertThat(tokens(refresh()).refreshToken()).isNull();
    }

    @Test
    void longestAllowedLifetimeIsTenYears() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":315360000}"));

        assertThat(tokens(refresh()).expiresInSeconds()).isEqualTo(315_360_000L);
    }
}
