package com.credbroker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code CREDBROKER_EGRESS_ALLOWED_HOSTS}: host names, addresses and CIDR blocks, validated before start. */
class EgressAllowListTest {

    @Test
    void isEmptyByDefault() {
        assertThat(ConfigLoader.load(Map.of()).connect().egressAllowList()).isEqualTo(EgressAllowList.none());
        assertThat(ConfigLoader.load(Map.of()).describe()).containsEntry("CREDBROKER_EGRESS_ALLOWED_HOSTS", "unset");
    }

    @Test
    void readsNamesAddressesAndBlocks() throws Exception {
        EgressAllowList list = ConfigLoader.load(Map.of("CREDBROKER_EGRESS_ALLOWED_HOSTS",
                "localhost,*.corp.example.com,10.0.0.0/8,192.168.1.5,fd00::/8")).connect().egressAllowList();

        assertThat(list.allowsHost("LOCALHOST")).isTrue();
        assertThat(list.allowsHost("vault.corp.example.com")).isTrue();
        assertThat(list.allowsHost("corp.example.com")).isFalse();
        assertThat(list.allowsAddress(InetAddress.getByName("10.200.3.4"))).isTrue();
        assertThat(list.allowsAddress(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(list.allowsAddress(InetAddress.getByName("192.168.1.5"))).isTrue();
        assertThat(list.allowsAddress(InetAddress.getByName("192.168.1.6"))).isFalse();
        assertThat(list.allowsAddress(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(list.allowsAddress(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(list.entries()).hasSize(5);
    }

    @Test
    void refusesEntriesThatAreNeitherNamesNorAddressesWithoutEchoingThem() {
        for (String bad : List.of("https://api.example.com", "10.0.0.0/33", "host:8080", "a,,b", "10.0.0.0/x",
                "bad host")) {
            ConfigException e = catchThrowableOfType(ConfigException.class,
                    () -> ConfigLoader.load(Map.of("CREDBROKER_EGRESS_ALLOWED_HOSTS", bad)));

            assertThat(e).as(bad).isNotNull();
            assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
                    .startsWith("CREDBROKER_EGRESS_ALLOWED_HOSTS")
                    .contains("host names (a leading *. allows every subdomain), IP addresses or CIDR blocks"));
        }
    }
}
