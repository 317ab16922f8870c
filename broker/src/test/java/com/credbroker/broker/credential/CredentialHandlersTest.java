package com.credbroker.broker.credential;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.OnFakeBroker;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The credential routes on {@code BrokerApp} over in-memory storage: lookup, create, update, delete, list. */
class CredentialHandlersTest extends OnFakeBroker {
    @Test
    void aCreatedConnectionIsLookedUpWithItsTokenAndAnUpsertAnswers200() {
        HttpResponse<String> created = broker.http.post(CREDENTIALS, admin, Fixtures.oauth2("conn_h1", "tok-1", 3600));
        HttpResponse<String> again = broker.http.post(CREDENTIALS, admin, Fixtures.oauth2("conn_h1", "tok-2", 3600));
        HttpResponse<String> lookup = broker.http.get(BY_CONNECTION + "conn_h1", admin);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(lookup.statusCode()).isEqualTo(200);
        assertThat(body(lookup).at("/credentials/access_token").asText()).isEqualTo("tok-2");
        assertThat(broker.credentials.findByConnectionId("conn_h1").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void patchChangesTheTokenAndDeleteMakesTheConnectionUnknown() {
        String id = body(broker.http.post(CREDENTIALS, admin, Fixtures.oauth2("conn_h2", "tok-a", 3600)))
                .get("credential_id").asText();

        HttpResponse<String> patched = broker.http.patch(CREDENTIALS + "/" + id, admin,
                "{\"credentials\":{\"access_token\":\"tok-b\"}}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(body(broker.http.get(BY_CONNECTION + "conn_h2", admin)).at("/credentials/access_token").asText())
                .isEqualTo("tok-b");

        assertThat(broker.http.delete(CREDENTIALS + "/" + id, admin).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = broker.http.get(BY_CONNECTION + "conn_h2", admin);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(body(gone).at("/error/request_id").asText()).isNotEmpty();
    }

    @Test
    void theListingFiltersByAppAndShowsNoSecret() {
        broker.http.post(CREDENTIALS, admin, Fixtures.oauth2("conn_h3", "tok-list-secret", 3600));

        HttpResponse<String> page = broker.http.get(CREDENTIALS + "?app_name=github&limit=100", admin);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("conn_h3").doesNotContain("tok-list-secret");
    }

    @Test
    void aLookupWithoutAKeyIs401AndAMalformedBodyIs400() {
        assertThat(broker.http.get(BY_CONNECTION + "conn_h1", Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<String> malformed = broker.http.post(CREDENTIALS, admin, "{\"connection_id\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(body(malformed).at("/error/code").asText()).isEqualTo("bad_request");
    }
}
