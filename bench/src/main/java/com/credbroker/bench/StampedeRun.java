package com.credbroker.bench;

import com.credbroker.bench.LookupBurst.Lookup;
import com.credbroker.storage.authconfig.AuthConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Part B: {@code threads} concurrent HTTP lookups of one connection whose token has already expired,
 * against the running broker, with a {@link StubTokenEndpoint} at {@code latency}. Every lookup must
 * be served the one new token, from exactly one provider call.
 *
 * <p>Before the stampede the HTTP path and the refresh path are warmed on other connections of the
 * same broker: {@value #WARM_BURSTS} bursts of the same size on a connection that is not due, then one
 * read-time refresh of each of {@value #WARM_EXPIRED} other expired connections. The stampede's
 * provider calls are counted from after the warm-up.
 */
final class StampedeRun {
    private static final int WARM_BURSTS = 5;
    private static final int WARM_EXPIRED = 8;

    /** What one stampede measured; latencies in milliseconds, {@code warm*} from the last warm-up burst. */
    record Result(Duration latency, int threads, long calls, long duplicates, int ok, int newToken,
            double medianMs, double maxMs, double warmMedianMs, double warmMaxMs) {

        String failures() {
            StringBuilder out = new StringBuilder();
            if (calls != 1) {
                out.append("provider calls ").append(calls).append(" != 1");
            }
            if (duplicates != 0) {
                out.append(out.length() == 0 ? "" : "; ").append("duplicate refresh tokens ").append(duplicates);
            }
            if (newToken != threads) {
                out.append(out.length() == 0 ? "" : "; ").append("lookups served the new token ").append(newToken)
                        .append(" != ").append(threads).append(" (HTTP 200: ").append(ok).append(')');
            }
            return out.toString();
        }
    }

    private final int threads;
    private final int maxInFlight;

    StampedeRun(int threads, int maxInFlight) {
        this.threads = threads;
        this.maxInFlight = maxInFlight;
    }

    Result run(Duration latency) throws Exception {
        Clock clock = Clock.systemUTC();
        try (StubTokenEndpoint stub = StubTokenEndpoint.start(latency);
             BenchBroker bench = BenchBroker.start(maxInFlight);
             LookupBurst burst = new LookupBurst(bench.baseUrl(), bench.adminKey(), threads)) {
            BenchBroker.awaitStartupScan(bench.broker().refresh());
            BenchSeeder seeder = new BenchSeeder(bench.broker().storage().authConfigs(),
                    bench.broker().storage().credentials(), clock);
            List<AuthConfig> configs = seeder.authConfigs("stamp", 1, stub.tokenUrl());
            Instant now = clock.instant();
            seeder.connection("warm", 0, configs, now.plus(Duration.ofDays(1)));
            for (int i = 0; i < WARM_EXPIRED; i++) {
                seeder.connection("warmexp", i, configs, now.minusSeconds(60));
            }
            seeder.connection("stampede", 0, configs, now.minusSeconds(60));

            List<Lookup> warm = List.of();
            for (int i = 0; i < WARM_BURSTS; i++) {
                warm = requireOk(burst.run(BenchSeeder.connectionId("warm", 0)), "warm-up");
            }
            for (int i = 0; i < WARM_EXPIRED; i++) {
                burst.run(BenchSeeder.connectionId("warmexp", i));
            }
            long callsBefore = stub.calls();

            List<Lookup> stampede = burst.run(BenchSeeder.connectionId("stampede", 0));

            String stored = (String) bench.broker().storage().credentials()
                    .findByConnectionId(BenchSeeder.connectionId("stampede", 0)).orElseThrow()
                    .secrets().credentials().get("access_token");
            String old = BenchSeeder.oldAccessToken("stampede", 0);
            int ok = (int) stampede.stream().filter(l -> l.status() == 200).count();
            int fresh = (int) stampede.stream().filter(l -> l.status() == 200 && !old.equals(stored)
                    && Objects.equals(stored, l.accessToken())).count();
            return new Result(latency, threads, stub.calls() - callsBefore, stub.duplicates(), ok, fresh,
                    Figures.median(millis(stampede)), Figures.max(millis(stampede)),
                    Figures.median(millis(warm)), Figures.max(millis(warm)));
        }
    }

    private static List<Lookup> requireOk(List<Lookup> lookups, String what) {
        long bad = lookups.stream().filter(l -> l.status() != 200).count();
        if (bad > 0) {
            throw new IllegalStateException(what + ": " + bad + " lookups did not answer 200");
        }
        return lookups;
    }

    private static double[] millis(List<Lookup> lookups) {
        return lookups.stream().mapToDouble(l -> l.nanos() / 1e6).toArray();
    }
}
