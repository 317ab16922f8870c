package com.credbroker.storage.authconfig;

import static com.credbroker.storage.authconfig.AuthConfigBuilder.anAuthConfig;
import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.credbroker.storage.credential.CredentialRepository;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.credential.Page;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.DecryptionException;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PayloadMoves;
import com.credbroker.storage.testing.TestCrypto;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link AuthConfigRepositoryContract}, plus the cases about sealed database rows: H2 and PostgreSQL. */
abstract class JdbcAuthConfigRepositoryContract extends AuthConfigRepositoryContract {
    private JdbcAuthConfigRepository jdbc() {
        return (JdbcAuthConfigRepository) repository;
    }

    private int movePayload(AuthConfig donor, AuthConfig victim) throws SQLException {
        return PayloadMoves.move(database.dataSource(), "auth_configs", "auth_config_id", donor.authConfigId(),
                victim.authConfigId());
    }

    @Test
    void aPublicClientWithoutEndpointsOrScopesRoundTripsAndIsStillSealed() throws Exception {
        AuthConfig created = repository.create(anAuthConfig().publicClient().authorizationEndpoint(null)
                .scopes(List.of()).build());

        AuthConfig read = repository.find(created.authConfigId()).orElseThrow();
        assertThat(read).isEqualTo(created);
        assertThat(read.clientSecret()).isNull();
        assertThat(read.authorizationEndpoint()).isNull();
        assertThat(read.scopes()).isEmpty();
        jdbc();
        assertThat(storedPayload(created.authConfigId())).hasSizeGreaterThan(17 + 16);
    }
    @Test
    void rewrapMovesOldTermsWithoutChangingVersionsOrBlocks() {
        JdbcAuthConfigRepository repository = jdbc();
        AuthConfig old = repository.create(anAuthConfig().build());
        repository.blockRefresh(old.authConfigId(), 1, "invalid_client");
        AuthConfig blocked = repository.find(old.authConfigId()).orElseThrow();
        cryptographer.install(cryptographer.keyring().withNewTerm(TestCrypto.randomKey()));
        AuthConfig fresh = repository.create(anAuthConfig().build());
        assertThat(repository.countBelowTerm(2)).isEqualTo(1);

        assertThat(repository.rewrapBatch(cryptographer, 10)).isEqualTo(1);

        assertThat(repository.countBelowTerm(2)).isZero();
        assertThat(repository.find(old.authConfigId())).contains(blocked);
        assertThat(repository.find(fresh.authConfigId())).contains(fresh);
        assertThat(repository.rewrapBatch(cryptographer, 10)).isZero();
        assertThat(repository.name()).isEqualTo("auth_configs");
    }
    @Test
    void openFailsWhenPayloadMovedToAnotherRowAndOtherRowsStillRead() throws Exception {
        jdbc();
        AuthConfig victim = repository.create(anAuthConfig().build());
        AuthConfig donor = repository.create(anAuthConfig().build());
        assertThat(movePayload(donor, victim)).isEqualTo(1);

        assertThatThrownBy(() -> repository.find(victim.authConfigId())).isInstanceOf(DecryptionException.class);
        assertThat(repository.find(donor.authConfigId())).contains(donor);
    }
    @Test
    void rewrapSkipsAPayloadThatDoesNotOpenAndMovesTheRest() throws Exception {
        JdbcAuthConfigRepository repository = jdbc();
        AuthConfig victim = repository.create(anAuthConfig().build());
        AuthConfig donor = repository.create(anAuthConfig().build());
        movePayload(donor, victim);
        cryptographer.install(cryptographer.keyring().withNewTerm(TestCrypto.randomKey()));

        assertThat(repository.rewrapBatch(cryptographer, 10)).isEqualTo(1);

        assertThat(repository.countBelowTerm(2)).isEqualTo(1);
        assertThat(repository.find(donor.authConfigId())).contains(donor);
    }
}
