package com.credbroker.broker.connect;

import com.credbroker.refresh.client.TokenSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;

/**
 * Who the upstream account of a new grant is, as far as the callback knows it when a reconnect completes, and
 * the one rule that compares it with the stored account. Today the only source is the {@code sub} (and
 * {@code email}) of an ID token that came straight from the token endpoint over the checked connection
 * (OpenID Connect Core 3.1.3.7 allows TLS server validation there in place of the signature). The
 * verified identity of the ID token / identity endpoint work replaces {@link #of(TokenSet)}: feed it to
 * {@link #refuses}. Either value may be null (unknown). {@code toString()} shows no value.
 */
record UpstreamAccount(String accountId, String accountEmail) {
    static final UpstreamAccount UNKNOWN = new UpstreamAccount(null, null);

    /** The account named by the tokens' ID token; {@link #UNKNOWN} without one (or when it does not parse). */
    static UpstreamAccount of(TokenSet tokens) {
        if (tokens.idToken() == null) {
            return UNKNOWN;
        }
        try {
            JWTClaimsSet claims = JWTParser.parse(tokens.idToken()).getJWTClaimsSet();
            Object email = claims.getClaim("email");
            return new UpstreamAccount(claims.getSubject(), email instanceof String text ? text : null);
        } catch (ParseException unreadable) {
            return UNKNOWN;
        }
    }

    /**
     * The reconnect rule: refused when the account is known on both sides and differs, unless the caller
     * allowed an account change. An unknown account on either side is not a mismatch.
     */
    static boolean refuses(String storedAccountId, String upstreamAccountId, boolean accountChangeAllowed) {
        return !accountChangeAllowed && storedAccountId != null && upstreamAccountId != null
                && !storedAccountId.equals(upstreamAccountId);
    }

    @Override
    public String toString() {
        return "UpstreamAccount[" + (accountId == null ? "unknown" : "known") + "]";
    }
}
