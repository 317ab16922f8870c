package com.credbroker.broker.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.refresh.client.TokenSet;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reconnect's account rule and where the callback finds the upstream account today. */
class UpstreamAccountTest {

    private static TokenSet withIdToken(String idToken) {
        return new TokenSet("at", "rt", "Bearer", null, 3600L, idToken, Map.of());
    }

    private static String idToken(String subject, String email) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().subject(subject).claim("email", email).build());
        jwt.sign(new MACSigner(new byte[32]));
        return jwt.serialize();
    }

    @Test
    void aKnownDifferentAccountIsRefusedUnlessAllowed() {
        assertThat(UpstreamAccount.refuses("alice", "bob", false)).isTrue();
        assertThat(UpstreamAccount.refuses("alice", "bob", true)).isFalse();
        assertThat(UpstreamAccount.refuses("alice", "alice", false)).isFalse();
    }

    @Test
    void anAccountUnknownOnEitherSideIsNoMismatch() {
        assertThat(UpstreamAccount.refuses(null, "bob", false)).isFalse();
        assertThat(UpstreamAccount.refuses("alice", null, false)).isFalse();
    }

    @Test
    void theAccountIsTheIdTokensSubjectAndEmail() throws JOSEException {
        UpstreamAccount account = UpstreamAccount.of(withIdToken(idToken("alice-42", "alice@example.com")));

        assertThat(account.accountId()).isEqualTo("alice-42");
        assertThat(account.accountEmail()).isEqualTo("alice@example.com");
        assertThat(account.toString()).doesNotContain("alice");
    }

    @Test
    void withoutAReadableIdTokenTheAccountIsUnknown() {
        assertThat(UpstreamAccount.of(withIdToken(null))).isEqualTo(UpstreamAccount.UNKNOWN);
        assertThat(UpstreamAccount.of(withIdToken("not-a-jwt"))).isEqualTo(UpstreamAccount.UNKNOWN);
    }
}
