package com.credbroker.broker.http;

import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators for hostile requests against the broker's routes: path parameters, query strings,
 * headers (keys, lengths, content types, control characters) and bodies (JSON of the API's own field
 * names with odd values, non-JSON, binary). Every generated secret-like value carries {@link #CANARY}.
 */
final class FuzzRequests {
    static final String CANARY = "CANARYfuzz7c3e1a9b";

    private static final List<String> FIELDS = List.of("connection_id", "app_name", "auth_scheme", "credentials",
            "access_token", "refresh_token", "expires_in", "expires_at", "entity_id", "auth_config_id",
            "extra_headers", "query_params", "extra_data", "token_endpoint", "authorization_endpoint",
            "revocation_endpoint", "client_id", "client_secret", "client_auth_method", "scopes", "kind", "name",
            "callback_url", "base_url", "test_request_endpoint", "is_disabled", "status", "id_token",
            "code_verifier", "account_email", "api_key", "username", "password", "token", "header_name");
    private static final List<String> QUERY_NAMES = List.of("limit", "cursor", "app_name", "status", "entity_id",
            "auth_config_id", "is_disabled", "connection_id", "code", "state", "error", "error_description", "x");

    private FuzzRequests() {
    }

    /** A request as bytes on the wire, and a description for jqwik's report. */
    record Wire(String description, byte[] bytes) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Arbitrary<Wire> requests(List<RouteTable.Route> routes) {
        Arbitrary<String> method = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of("GET", "POST", "PATCH", "DELETE", "PUT", "OPTIONS", "HEAD",
                        "TRACE", "FOO", "G\u0000T")),
                net.jqwik.api.Tuple.of(6, Arbitraries.just("")));
        return Combinators.combine(Arbitraries.of(routes), method, pathValue(), query(), headers(), body())
                .as(FuzzRequests::wire);
    }

    private static Wire wire(RouteTable.Route route, String method, String id, String query, List<String> headers,
            byte[] body) {
        String verb = method.isEmpty() ? route.method().toUpperCase(java.util.Locale.ROOT) : method;
        String path = route.path().replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(id));
        StringBuilder head = new StringBuilder().append(verb).append(' ').append(path).append(query)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        boolean lengthGiven = false;
        for (String header : headers) {
            head.append(header).append("\r\n");
            lengthGiven |= header.regionMatches(true, 0, "Content-Length", 0, 14)
                    || header.regionMatches(true, 0, "Transfer-Encoding", 0, 17);
        }
        if (!lengthGiven && body.length > 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        String shown = head.length() > 400 ? head.substring(0, 400) + "…" : head.toString();
        return new Wire(shown + "<" + body.length + " body bytes>", out.toByteArray());
    }

    static Arbitrary<String> pathValue() {
        Arbitrary<String> known = Arbitraries.of("conn_planted", "conn_1", "cred_abc", "ac_1", "key_1", "..",
                "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%252e%252e%252f", "%c0%ae%c0%ae%c0%af", "a%00b", "a%0d%0ab",
                "%ff%fe", "%F0%9F%92%A9", ";x=1", "a%2Fb", "a/b", "~root", "%", "%zz", "-", "", CANARY,
                "..\\..\\windows", "conn_1%3Bdrop%20table%20credentials", "${jndi:ldap://x}", "' OR '1'='1");
        Arbitrary<String> encoded = Arbitraries.strings().ofMaxLength(200)
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8));
        // characters a URI path may carry raw (the ones it may not are in the known list and the encoded ones)
        Arbitrary<String> raw = Arbitraries.strings().withChars("abc_-.%/;:@!$&'()*+,=~0123456789").ofMaxLength(80);
        Arbitrary<String> huge = Arbitraries.integers().between(1_000, 12_000).map("a"::repeat);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, known), net.jqwik.api.Tuple.of(3, encoded),
                net.jqwik.api.Tuple.of(3, raw), net.jqwik.api.Tuple.of(1, huge));
    }

    static Arbitrary<String> query() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("-1", "0", "1", "999999999999999999999", "abc",
                "", "true", "ACTIVE", CANARY, "%00", "%ff"), Arbitraries.strings().ofMaxLength(40)
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)));
        Arbitrary<String> pair = Combinators.combine(Arbitraries.of(QUERY_NAMES), value).as((n, v) -> n + "=" + v);
        return pair.list().ofMaxSize(4).map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
    }

    static Arbitrary<List<String>> headers() {
        Arbitrary<List<String>> auth = Arbitraries.of(
                List.of(), List.of("X-API-Key: " + RunningBroker.ADMIN_KEY), List.of("X-API-Key: " + RunningBroker.ADMIN_KEY),
                List.of("X-API-Key: " + RunningBroker.ADMIN_KEY), List.of("X-API-Key: " + CANARY),
                List.of("X-Flowplate-Key: " + RunningBroker.ADMIN_KEY), List.of("X-API-Key: "),
                List.of("X-API-Key: " + RunningBroker.ADMIN_KEY, "X-Aitronos-Hub-Key: " + CANARY),
                List.of("X-API-Key: " + RunningBroker.ADMIN_KEY, "X-API-Key: " + CANARY));
        Arbitrary<List<String>> contentType = Arbitraries.of("application/json", "application/json; charset=utf-16",
                "APPLICATION/JSON", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/json\u0000" + CANARY, "").map(t -> t.isEmpty() ? List.of() : List.of("Content-Type: " + t));
        Arbitrary<String> weird = Arbitraries.oneOf(
                Arbitraries.of("Content-Length: -1", "Content-Length: abc", "Content-Length: 99999999999999999999",
                        "Content-Length: 0", "Transfer-Encoding: chunked", "Transfer-Encoding: gzip, chunked",
                        "X-Request-Id: " + CANARY + "<script>", "X-Request-Id: ok-id-1", "Expect: 100-continue",
                        "Accept: */*", "Accept-Encoding: gzip", "Cookie: session=" + CANARY, "Host: evil.example"),
                Combinators.combine(Arbitraries.strings().alpha().numeric().withChars('-').ofMinLength(1).ofMaxLength(30),
                        Arbitraries.strings().ascii().ofMaxLength(100)).as((n, v) -> "X-" + n + ": " + v
                        .replace("\r", "").replace("\n", "")),
                Arbitraries.integers().between(100, 20_000).map(n -> "X-Big: " + "b".repeat(n)));
        return Combinators.combine(auth, contentType, weird.list().ofMaxSize(3)).as((a, c, w) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(c);
            all.addAll(w);
            return all;
        });
    }

    static Arbitrary<byte[]> body() {
        Arbitrary<String> json = jsonObject(3);
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(300).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> nested = Arbitraries.integers().between(10, 3_000)
                .map(n -> ("{\"extra_data\":" + "[".repeat(n) + "]".repeat(n) + "}").getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.just(new byte[0])),
                net.jqwik.api.Tuple.of(8, json.map(s -> s.getBytes(StandardCharsets.UTF_8))),
                net.jqwik.api.Tuple.of(1, text), net.jqwik.api.Tuple.of(1, binary), net.jqwik.api.Tuple.of(1, nested));
    }

    private static Arbitrary<String> jsonObject(int depth) {
        Arbitrary<Map<String, String>> fields = Arbitraries.maps(Arbitraries.of(FIELDS), jsonValue(depth))
                .ofMaxSize(8);
        return fields.map(m -> m.entrySet().stream().map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}")));
    }

    private static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1", "1e309", "9223372036854775808", "3.5", "\"\"",
                        quote(CANARY), quote("OAUTH2"), quote("API_KEY"), quote("BASIC"), quote("api"),
                        quote("https://example.com/token"), quote("http://127.0.0.1:1/x"), quote("client_secret_post"),
                        quote("admin"), quote("2025-11-15T10:30:00Z"), quote("conn_planted"), "[\"admin\"]"),
                Arbitraries.strings().ofMaxLength(60).map(FuzzRequests::quote));
        if (depth == 0) {
            return scalar;
        }
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalar),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> jsonObject(depth - 1))),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> jsonValue(depth - 1)).list().ofMaxSize(3)
                        .map(values -> "[" + String.join(",", values) + "]")));
    }

    static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
