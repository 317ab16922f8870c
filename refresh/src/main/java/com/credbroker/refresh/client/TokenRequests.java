package com.credbroker.refresh.client;

import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.provider.ResolvedProvider.TokenRequestFormat;
import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;

/**
 * Builds the HTTP requests of {@link NimbusTokenClient} from a {@link ResolvedProvider}, with Nimbus: the
 * grant and the client authentication the provider names ({@code client_secret_basic}, {@code _post},
 * {@code none}). The provider's extra token or refresh parameters are added to the body (never replacing a
 * parameter of the grant itself); with {@link TokenRequestFormat#JSON} the same parameters travel as one JSON
 * object ({@code Content-Type: application/json}, single values as strings), the client authentication
 * unchanged (Notion: Basic and a JSON body). Revocation stays an RFC 7009 form. The provider's
 * {@code token_headers} go with every request here (exchange, refresh, revocation; Reddit's {@code User-Agent}),
 * never replacing one the client set itself. A provider with {@code refresh_redirect_uri} gets the
 * connection's {@code redirect_uri} in its refresh-token grant (GitLab). Stateless.
 */
final class TokenRequests {
    private TokenRequests() {
    }

    /**
     * The refresh-token grant to the provider's refresh endpoint, with its refresh parameters, and the
     * {@code redirect_uri} of the code exchange when the provider wants it repeated and it is known.
     */
    static HTTPRequest refresh(ResolvedProvider provider, String refreshToken, URI redirectUri) {
        Map<String, String> extra = provider.refreshParams();
        if (provider.refreshRedirectUri() && redirectUri != null) {
            extra = new LinkedHashMap<>(extra);
            extra.put("redirect_uri", redirectUri.toString());
        }
        return grant(provider, provider.refreshEndpoint(), new RefreshTokenGrant(new RefreshToken(refreshToken)),
                extra);
    }

    /** The authorization-code grant, with a PKCE verifier unless the provider's PKCE is off or none is given. */
    static HTTPRequest exchange(ResolvedProvider provider, CodeExchangeSpec spec) {
        boolean withVerifier = provider.pkce() != ResolvedProvider.Pkce.OFF && spec.codeVerifier() != null;
        CodeVerifier verifier = withVerifier ? new CodeVerifier(spec.codeVerifier()) : null;
        return grant(provider, provider.tokenEndpoint(), new AuthorizationCodeGrant(
                new AuthorizationCode(spec.code()), spec.redirectUri(), verifier), provider.tokenParams());
    }

    static HTTPRequest revocation(ResolvedProvider provider, RevocationSpec request) {
        Token token = request.refreshToken() ? new RefreshToken(request.token())
                : new BearerAccessToken(request.token());
        ClientAuthentication auth = clientAuthentication(provider);
        TokenRevocationRequest revocation = auth == null
                ? new TokenRevocationRequest(provider.revocationEndpoint(), new ClientID(provider.clientId()), token)
                : new TokenRevocationRequest(provider.revocationEndpoint(), auth, token);
        return withTokenHeaders(provider, revocation.toHTTPRequest());
    }

    private static HTTPRequest grant(ResolvedProvider provider, URI endpoint, AuthorizationGrant grant,
            Map<String, String> extra) {
        ClientAuthentication auth = clientAuthentication(provider);
        TokenRequest request = auth == null
                ? new TokenRequest(endpoint, new ClientID(provider.clientId()), grant)
                : new TokenRequest(endpoint, auth, grant);
        HTTPRequest http = withTokenHeaders(provider, request.toHTTPRequest());
        if (extra.isEmpty() && provider.tokenRequestFormat() == TokenRequestFormat.FORM) {
            return http; // exactly what Nimbus built
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>(formParameters(http));
        extra.forEach((name, value) -> parameters.putIfAbsent(name, List.of(value)));
        if (provider.tokenRequestFormat() == TokenRequestFormat.JSON) {
            http.setEntityContentType(ContentType.APPLICATION_JSON);
            http.setBody(json(parameters));
        } else {
            http.setBody(URLUtils.serializeParameters(parameters));
        }
        return http;
    }

    /** The provider's token-endpoint headers, each unless the request already has it (in any letter case). */
    private static HTTPRequest withTokenHeaders(ResolvedProvider provider, HTTPRequest http) {
        provider.tokenHeaders().forEach((name, value) -> {
            if (http.getHeaderValue(name) == null) {
                http.setHeader(name, value);
            }
        });
        return http;
    }

    private static Map<String, List<String>> formParameters(HTTPRequest http) {
        try {
            return http.getBodyAsFormParameters();
        } catch (ParseException unreadable) {
            throw new IllegalStateException("Nimbus built a token request that is not a form");
        }
    }

    /** The parameters as one JSON object: a single value as a string, several as an array of strings. */
    private static String json(Map<String, List<String>> parameters) {
        JSONObject object = new JSONObject();
        parameters.forEach((name, values) -> {
            if (values.size() == 1) {
                object.put(name, values.get(0));
            } else {
                JSONArray array = new JSONArray();
                array.addAll(values);
                object.put(name, array);
            }
        });
        return object.toJSONString();
    }

    /** The client authentication the provider names; null for a public client ({@code none}). */
    private static ClientAuthentication clientAuthentication(ResolvedProvider provider) {
        ClientID clientId = new ClientID(provider.clientId());
        return switch (provider.clientAuthMethod()) {
            case CLIENT_SECRET_BASIC -> new ClientSecretBasic(clientId, new Secret(provider.clientSecret()));
            case CLIENT_SECRET_POST -> new ClientSecretPost(clientId, new Secret(provider.clientSecret()));
            case NONE -> null;
        };
    }
}
