package com.credbroker.broker;

import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.apikey.ApiKeyService;
import com.credbroker.broker.backup.BackupService;
import com.credbroker.broker.auth.AuthFailureLimiter;
import com.credbroker.broker.authconfig.AuthConfigService;
import com.credbroker.broker.connect.CallbackService;
import com.credbroker.broker.connect.ConnectService;
import com.credbroker.broker.connectioncheck.ConnectionCheckService;
import com.credbroker.broker.credential.CredentialService;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.keyring.KeyringOperations;
import com.credbroker.broker.metrics.BrokerMetrics;
import com.credbroker.refresh.provider.ProviderCatalogue;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Everything the HTTP layer needs, built by {@link Broker} (or by a test) and handed to {@link BrokerApp}. */
public record BrokerServices(
        int maxBodyBytes,
        Json json,
        CredentialService credentials,
        ApiKeyService keys,
        AuthConfigService authConfigs,
        ConnectService connect,
        CallbackService callbacks,
        ConnectionCheckService connectionChecks,
        AuthFailureLimiter authFailures,
        AuditService audit,
        KeyringOperations keyring,
        BrokerMetrics metrics,
        Map<String, BooleanSupplier> readinessChecks,
        BackupService backup,
        ProviderCatalogue providers) {

    /** Without provider templates (tests of other features). */
    public BrokerServices(int maxBodyBytes, Json json, CredentialService credentials, ApiKeyService keys,
            AuthConfigService authConfigs, ConnectService connect, CallbackService callbacks,
            ConnectionCheckService connectionChecks, AuthFailureLimiter authFailures, AuditService audit,
            KeyringOperations keyring, BrokerMetrics metrics, Map<String, BooleanSupplier> readinessChecks,
            BackupService backup) {
        this(maxBodyBytes, json, credentials, keys, authConfigs, connect, callbacks, connectionChecks, authFailures,
                audit, keyring, metrics, readinessChecks, backup, ProviderCatalogue.empty());
    }
}
