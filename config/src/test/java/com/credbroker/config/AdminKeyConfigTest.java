package com.credbroker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code CREDBROKER_ADMIN_KEY} must hold at least 128 bits of entropy; generated keys always do. */
class AdminKeyConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "change-me-admin-key", // the README's old example: 19 characters
        "correct-horse-battery", // 21 characters
        "0123456789abcdef0123456789abcde", // 31 hex digits
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // one character
        "abc123abc123abc123abc123abc123abc123", // one block repeated
        "abcdefghijklmnopqrstuvwxyzABCDEF", // a running sequence
        "0123456789abcdef0123456789abcdef0123456789abcdef", // hex digits counted up, repeated
        "abababababcdcdcdcdcdefefefefef", // few distinct characters
        "q8Xv2LmN4rT7wK1pZs9Bc==" // 21 characters: padding does not count
    })
    void refusesAWeakAdminKeyInOneSentenceThatSaysHowToMakeOne(String weak) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Map.of("CREDBROKER_ADMIN_KEY", weak)));

        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactly("CREDBROKER_ADMIN_KEY (environment): is too weak for an all-scope"
                + " key: it needs at least 128 bits of entropy (22 or more random base64 characters, or 32 or more"
                + " random hex digits); make one with `openssl rand -base64 32`");
        assertThat(e.getMessage()).doesNotContain(weak);
    }

    @Test
    void reportsAWeakAdminKeyTogetherWithEveryOtherProblem() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Map.of("CREDBROKER_ADMIN_KEY", "admin", "CREDBROKER_PORT", "-1")));

        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("CREDBROKER_ADMIN_KEY (environment): "));
    }

    @Test
    void acceptsEveryGeneratedKeyOfAtLeast128Bits() {
        Random random = new Random(20261203L); // seeded: a failure is reproducible
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            byte[] sixteen = java.util.Arrays.copyOf(bytes, 16);
            for (String generated : new String[] {
                Base64.getEncoder().encodeToString(bytes), // openssl rand -base64 32
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                Base64.getEncoder().encodeToString(sixteen).substring(0, 22), // 22 base64 characters: 132 bits
                HexFormat.of().formatHex(sixteen), // openssl rand -hex 16
                HexFormat.of().withUpperCase().formatHex(bytes)}) {
                assertThat(AdminKeyRules.strongEnough(generated)).as(generated).isTrue();
            }
        }
    }

    @Test
    void keepsTheAcceptedKeyAsASecret() {
        String key = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
            29, 30, 31, 32});

        BrokerConfig config = ConfigLoader.load(Map.of("CREDBROKER_ADMIN_KEY", key));

        assertThat(config.adminKey()).contains(Secret.of(key));
        assertThat(config.toString()).doesNotContain(key);
    }
}
