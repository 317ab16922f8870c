package com.credbroker.refresh.oidc;

/**
 * Who the upstream account is, as the provider said it: the verified ID token's {@code sub} and
 * {@code email}, or the identity endpoint's answer. Either may be null when the provider did not say.
 */
public record AccountIdentity(String accountId, String accountEmail) {
    /** Nothing known. */
    public static final AccountIdentity UNKNOWN = new AccountIdentity(null, null);

    public boolean known() {
        return accountId != null || accountEmail != null;
    }
}
