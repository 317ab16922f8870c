package com.credbroker.refresh.engine;

import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.refresh.RefreshState;

/** Which records the refresh engine may touch; the same rules as the due scan in the refresh store. */
final class Refreshability {
    private Refreshability() {
    }

    /**
     * OAuth2, not disabled, has a refresh token and an auth config, and not INITIATED. An EXPIRED record
     * qualifies here; {@link #refreshable(Credential, RefreshState)} also needs its bookkeeping.
     */
    static boolean refreshable(Credential credential) {
        return credential.authScheme() == AuthScheme.OAUTH2 && !credential.disabled()
                && credential.status() != CredentialStatus.INITIATED && credential.authConfigId() != null
                && refreshToken(credential) != null;
    }

    /** As above, and an EXPIRED record only after transient failures (a final EXPIRED is never retried). */
    static boolean refreshable(Credential credential, RefreshState state) {
        return refreshable(credential, state == null ? 0 : state.failures());
    }

    /** As above, given the consecutive transient failures. */
    static boolean refreshable(Credential credential, int failures) {
        if (!refreshable(credential)) {
            return false;
        }
        return credential.status() == CredentialStatus.ACTIVE || failures > 0;
    }

    static String refreshToken(Credential credential) {
        Object token = credential.secrets().credentials().get("refresh_token");
        return token instanceof String text && !text.isBlank() ? text : null;
    }
}
