package com.credbroker.refresh.provider;

import com.credbroker.storage.authconfig.AuthConfig;
import java.util.List;
import java.util.Map;

/**
 * Turns an auth config (and, for a connection, its per-connection fields and captured connection data)
 * into the {@link ResolvedProvider} every OAuth and API request reads. {@link #PLAIN} is the behaviour
 * without templates; the catalogue-backed one fills template fields, applies the auth config's overrides
 * and checks every placeholder value.
 */
public interface ProviderResolver {

    /** Auth configs without templates: their own endpoints. */
    ProviderResolver PLAIN = new ProviderResolver() {
        @Override
        public ResolvedProvider resolve(AuthConfig config, Map<String, String> connectionConfig) {
            return ResolvedProvider.of(config);
        }

        @Override
        public List<String> problems(AuthConfig config, Map<String, String> connectionConfig, boolean forConnection) {
            return List.of();
        }
    };

    /**
     * @param connectionConfig the connection's {@code extra_data.connection_config} (per-connection fields
     *                         and data kept from token responses); empty for an auth config alone
     * @throws ProviderException when a placeholder value is missing or refused
     */
    ResolvedProvider resolve(AuthConfig config, Map<String, String> connectionConfig);

    /**
     * Every problem with an auth config (unknown provider, unknown override field, bad field value), and
     * with {@code forConnection} also a missing per-connection field; empty when usable. Texts name the
     * field and never quote a secret.
     */
    List<String> problems(AuthConfig config, Map<String, String> connectionConfig, boolean forConnection);
}
