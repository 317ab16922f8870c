package com.credbroker.broker.connect;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.broker.http.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17 item 5: the account of an OAuth connection comes from the provider (the validated ID token or
 * the identity endpoint), never from the caller's guess. An initiate naming the account is refused as an
 * unknown field (422), so no caller value can reach {@code account_id} or {@code account_email}.
 */
class InitiateAccountFieldsTest {
    private final Json json = new Json();

    @ParameterizedTest
    @ValueSource(strings = {"account_id", "account_email"})
    void anInitiateNamingTheAccountIsRefused(String field) {
        byte[] body = ("{\"auth_config_id\":\"ac_x\",\"callback_url\":\"https://app.example.com/done\",\"" + field
                + "\":\"guessed\"}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> json.read(json.readTree(body), InitiateRequest.class))
                .hasMessageContaining("unknown field '" + field + "'");
    }
}
