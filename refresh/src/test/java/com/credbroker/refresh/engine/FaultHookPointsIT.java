package com.credbroker.refresh.engine;

import static com.credbroker.refresh.testing.RefreshFixture.accessToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.client.NimbusTokenClient;
import com.credbroker.refresh.crashpoint.CrashPoint;
import com.credbroker.refresh.crashpoint.FaultHook;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.refresh.testing.OnRefreshFixture;
import com.credbroker.refresh.testing.RefreshFixture;
import com.credbroker.refresh.testing.TestSettings;
import com.credbroker.config.EgressAllowList;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.refresh.RefreshState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The injected fault hook is called at each crash point, in order, and each point is reached where its
 * name says: what the provider and the database hold at that moment is recorded by the hook.
 */
class FaultHookPointsIT extends OnRefreshFixture {
    private RefreshEngine engine;
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<String> listened = Collections.synchronizedList(new ArrayList<>());
    private Credential connection;

    @BeforeEach
    void start() {
        // generous timeouts: a loaded machine must not turn the one provider call into a transient failure
        RefreshConfig config = TestSettings.of(RefreshFixture.config())
                .timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(1)).refresh();
        FaultHook hook = this::record;
        NimbusTokenClient client = new NimbusTokenClient(config, EgressPolicy.forTokenEndpoints(true,
                EgressAllowList.none(), HostResolver.system()), fixture.clock, hook);
        engine = new RefreshEngine(config, fixture.clock, fixture.credentials, fixture.store, fixture.authConfigs,
                client, (connectionId, trigger, outcome) -> listened.add(outcome.label()), new SimpleMeterRegistry(),
                hook);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    /** What holds at the point: provider calls, lease taken, in-flight marker, new token stored, listener told. */
    private void record(CrashPoint point) {
        RefreshState state = fixture.store.state(connection.credentialId()).orElseThrow();
        boolean stored = !accessToken(fixture.reload(connection)).equals(accessToken(connection));
        seen.add(point.wireName() + " calls=" + provider.calls("grant-1") + " leased=" + (state.leaseOwner() != null)
                + " marker=" + (state.sentAt() != null) + " stored=" + stored + " listened=" + !listened.isEmpty());
    }

    @Test
    void eachPointIsReachedWhereItsNameSays() {
        AuthConfig authConfig = fixture.authConfig(provider.tokenUrl());
        connection = fixture.connection(authConfig, provider.seed("grant-1"), Duration.ofSeconds(5));

        RefreshResult result = engine.refresher().refresh(connection.credentialId(), RefreshTrigger.FORCED);

        assertThat(result.outcome()).as(String.valueOf(result.credential().statusReason()) + seen)
                .isEqualTo(RefreshOutcome.SUCCESS);
        assertThat(seen).containsExactly(
                "lease_taken calls=0 leased=true marker=false stored=false listened=false",
                "request_sent calls=1 leased=true marker=true stored=false listened=false",
                "response_parsed calls=1 leased=true marker=true stored=false listened=false",
                "committed calls=1 leased=false marker=false stored=true listened=false");
        assertThat(listened).hasSize(1);
    }

    @Test
    void aRequestThatNeverReachedTheProviderIsNotSent() {
        AuthConfig authConfig = fixture.authConfig(provider.tokenUrl());
        connection = fixture.connection(authConfig, provider.seed("grant-1"), Duration.ofSeconds(5));
        provider.close(); // nothing listens: the request fails to connect

        engine.refresher().refresh(connection.credentialId(), RefreshTrigger.FORCED);

        assertThat(seen).extracting(line -> line.substring(0, line.indexOf(' ')))
                .containsExactly("lease_taken", "response_parsed", "committed");
    }
}
