package com.credbroker.refresh.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.authconfig.AuthConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: no per-connection value the resolver accepts changes the host (or the fixed path) of a templated
 * URL. Values are generated from a seeded {@link Random} out of pieces known to move URLs ({@code evil.com/},
 * {@code a@b}, {@code %2F}, {@code ..}, ideographic and fullwidth dots, ...) mixed with harmless ones; every
 * accepted value's URLs are parsed with {@link URI} and compared with the template's literal host and path.
 */
class PlaceholderPropertyTest {
    private static final long SEED = 0x17C0FFEEL;
    private static final int CASES = 10_000;
    private static final String[] PIECES = {"a", "b", "z", "0", "9", "-", "acme", ".", "..", "/", "?", "#", "@", ":",
        "\\", "%", "%2F", "%2e", " ", "\t", "\n", "\u3002", "\uFF0E", "\uFF61", "\uFF0F", "\u2024", "\u200B", "ｅ", "é",
        "ß", "\u0000", "evil.com/", "a@b", "x:443", "[::1]", "_", "~", "A", "xn--", "localhost", "evil.com", "//",
        "../", "?x=", "#f", "&", "=", "+", ";", ",", "'", "\"", "<", ">", "{", "}", "|", "^", "`", "$"};
    private static final String[] SAFE = {"a", "b", "z", "0", "9", "-", "acme", ".", "A", "_", "~"};
    private final CatalogueResolver resolver = new CatalogueResolver(ProviderCatalogueTest.testCatalogue());

    @Test
    void noAcceptedFieldValueMovesAHostOrAFixedPath() {
        Random random = new Random(SEED);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            String value = generate(random, i % 2 == 0 ? PIECES : SAFE);
            accepted += checkTenant(value) + checkPathy(value);
        }
        // the property must have been exercised on accepted values, not only on refusals
        assertThat(accepted).isGreaterThan(CASES / 10);
    }

    /**
     * The same property over every shipped template with connection fields: one field at a time takes the
     * generated value (the others their examples); every URL of an accepted value keeps the literal start and
     * end of its template's host, its literal path prefix, and https.
     */
    @Test
    void noAcceptedValueMovesAHostOfAnyShippedTemplate() {
        ProviderCatalogue shipped = ProviderCatalogue.load(getClass().getClassLoader(), ProviderCatalogue.SHIPPED,
                java.util.Optional.empty(), false);
        CatalogueResolver real = new CatalogueResolver(shipped);
        Random random = new Random(SEED + 2);
        int accepted = 0;
        for (ProviderTemplate t : shipped.all()) {
            for (String field : t.connectionFields().keySet()) {
                for (int i = 0; i < CASES / 20; i++) {
                    Map<String, String> values = new java.util.HashMap<>();
                    t.connectionFields().forEach((name, f) -> values.put(name, f.example()));
                    values.put(field, generate(random, i % 2 == 0 ? PIECES : SAFE));
                    AuthConfig config = CatalogueResolverTest.config(t.name(), Map.of(), Map.of());
                    if (real.problems(config, values, true).isEmpty()) {
                        accepted++;
                        keepsTemplateShape(t, real.resolve(config, values), values.get(field));
                    }
                }
            }
        }
        assertThat(accepted).isGreaterThan(0);
    }

    private static void keepsTemplateShape(ProviderTemplate t, ResolvedProvider p, String value) {
        Map<String, URI> urls = new java.util.LinkedHashMap<>();
        urls.put(t.authorizationUrl(), p.authorizationEndpoint());
        urls.put(t.tokenUrl(), p.tokenEndpoint());
        urls.put(t.refreshUrl(), p.refreshEndpoint());
        urls.put(t.revocationUrl(), p.revocationEndpoint());
        urls.put(t.issuer(), p.issuer());
        urls.forEach((template, uri) -> {
            if (template == null) {
                return;
            }
            String authority = Placeholders.authority(template).toLowerCase(java.util.Locale.ROOT);
            int open = authority.indexOf('{');
            String before = open < 0 ? authority : authority.substring(0, open);
            String after = open < 0 ? authority : authority.substring(authority.lastIndexOf('}') + 1);
            String hostAfter = after.contains(":") ? after.substring(0, after.indexOf(':')) : after;
            String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
            assertThat(uri.getScheme()).as(t.name() + " " + value).isEqualTo("https");
            assertThat(uri.getRawUserInfo()).as(t.name() + " " + value).isNull();
            assertThat(host).as(t.name() + " " + value).startsWith(before).endsWith(hostAfter)
                    .matches("[a-z0-9.-]+");
            assertThat(uri.getRawPath()).as(t.name() + " " + value)
                    .startsWith(Placeholders.literalPathPrefix(template));
            assertThat(uri.normalize().getRawPath()).as(t.name() + " " + value).isEqualTo(uri.getRawPath());
        });
    }

    @Test
    void everyKnownAttackIsRefused() {
        AuthConfig tenant = CatalogueResolverTest.config("tenant", Map.of(), Map.of());
        AuthConfig pathy = CatalogueResolverTest.config("pathy", Map.of(), Map.of());
        for (String evil : List.of("evil.com/", "a@b", "%2F", "..", "acme\u3002evil", "acme\uFF0Eevil", "x:443",
                "evil.com#", "acme/../x", "a?b", "a\\b", " acme", "acme\u200B")) {
            assertThat(resolver.problems(tenant, Map.of("subdomain", evil), true)).as(evil).isNotEmpty();
            assertThat(resolver.problems(pathy, Map.of("tenant", evil), true)).as(evil).isNotEmpty();
        }
    }

    @Test
    void noAcceptedCapturedUrlMovesTheBaseUrlPath() {
        Random random = new Random(SEED + 1);
        AuthConfig captured = CatalogueResolverTest.config("captured", Map.of(), Map.of());
        int accepted = 0;
        for (int i = 0; i < CASES / 4; i++) {
            String value = (random.nextBoolean() ? "https://" : generate(random, PIECES)) + generate(random, SAFE)
                    + (random.nextBoolean() ? "" : generate(random, PIECES));
            if (!resolver.problems(captured, Map.of("instance_url", value), true).isEmpty()) {
                continue;
            }
            accepted++;
            URI base = URI.create(resolver.resolve(captured, Map.of("instance_url", value)).baseUrl());
            URI given = URI.create(value);
            assertThat(base.getScheme()).as(value).isEqualTo("https");
            assertThat(base.getHost()).as(value).isEqualTo(given.getHost());
            assertThat(base.getRawUserInfo()).as(value).isNull();
            assertThat(base.getRawPath()).as(value).endsWith("/services/data/v59.0");
        }
        assertThat(accepted).isGreaterThan(CASES / 100);
    }

    private int checkTenant(String value) {
        AuthConfig config = CatalogueResolverTest.config("tenant", Map.of(), Map.of());
        if (!resolver.problems(config, Map.of("subdomain", value), true).isEmpty()) {
            return 0;
        }
        ResolvedProvider p = resolver.resolve(config, Map.of("subdomain", value));
        for (URI uri : List.of(p.authorizationEndpoint(), p.tokenEndpoint(), p.revocationEndpoint(),
                URI.create(p.baseUrl()))) {
            assertThat(uri.getScheme()).as(value).isEqualTo("https");
            assertThat(uri.getRawUserInfo()).as(value).isNull();
            assertThat(uri.getPort()).as(value).isEqualTo(-1);
            assertThat(uri.getHost()).as(value).isEqualToIgnoringCase(value + ".tenant.example");
            assertThat(uri.getRawPath()).as(value).isIn("/oauth/authorizations/new", "/oauth/tokens", "/oauth/revoke",
                    "/api/v2");
        }
        return 1;
    }

    private int checkPathy(String value) {
        AuthConfig config = CatalogueResolverTest.config("pathy", Map.of(), Map.of());
        if (!resolver.problems(config, Map.of("tenant", value), true).isEmpty()) {
            return 0;
        }
        ResolvedProvider p = resolver.resolve(config, Map.of("tenant", value));
        for (URI uri : List.of(p.authorizationEndpoint(), p.tokenEndpoint())) {
            assertThat(uri.getHost()).as(value).isEqualTo("login.pathy.example");
            assertThat(uri.getRawQuery()).as(value).isNull();
            assertThat(uri.getRawFragment()).as(value).isNull();
            assertThat(uri.normalize().getRawPath()).as(value).isEqualTo(uri.getRawPath())
                    .isIn("/" + value + "/oauth2/authorize", "/" + value + "/oauth2/token");
        }
        return 1;
    }

    private static String generate(Random random, String[] pieces) {
        List<String> parts = new ArrayList<>();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            parts.add(pieces[random.nextInt(pieces.length)]);
        }
        return String.join("", parts);
    }
}
