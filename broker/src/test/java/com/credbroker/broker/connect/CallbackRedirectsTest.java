package com.credbroker.broker.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallbackRedirectsTest {

    @Test
    void addsTheOutcomeToTheCallbackUrlsOwnQuery() {
        assertThat(CallbackRedirects.to("https://app.example/done", "conn_1", "ACTIVE", null))
                .hasToString("https://app.example/done?connection_id=conn_1&status=ACTIVE");
        assertThat(CallbackRedirects.to("https://app.example/done?tab=apps#top", "conn_1", "EXPIRED", "access_denied"))
                .hasToString("https://app.example/done?tab=apps&connection_id=conn_1&status=EXPIRED&error=access_denied");
    }

    @Test
    void encodesWhatItAdds() {
        assertThat(CallbackRedirects.to("http://localhost:3000/cb", "a:b c", "EXPIRED", "x&y=z").toString())
                .endsWith("?connection_id=a%3Ab+c&status=EXPIRED&error=x%26y%3Dz");
    }

    @Test
    void neverRedirectsToAStoredUrlThatBreaksTheRule() {
        for (String unsafe : new String[] {"javascript:alert(1)", "data:text/html,x", "http://app.example/cb",
            "https://user:pw@app.example/cb", "ftp://app.example/cb", "/relative"}) {
            assertThatThrownBy(() -> CallbackRedirects.to(unsafe, "conn_1", "ACTIVE", null)).as(unsafe)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(CallbackRedirects.to("http://127.0.0.1:3000/cb", "conn_1", "ACTIVE", null))
                .hasToString("http://127.0.0.1:3000/cb?connection_id=conn_1&status=ACTIVE");
    }
}
