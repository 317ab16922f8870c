package com.credbroker.refresh.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.config.EgressAllowList;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The address rule on its own: every notation and class of internal address, with a resolver that records. */
class EgressPolicyTest {
    /** Names the fake resolver knows; anything else is "not found". Nothing is ever looked up for real. */
    private static final Map<String, String> DNS = Map.of(
            "localhost", "127.0.0.1",
            "api.example.com", "93.184.216.34",
            "v6.example.com", "2606:2800:220:1:248:1893:25c8:1946",
            "metadata.example.com", "169.254.169.254",
            "intranet.example.com", "10.1.2.3");

    private final List<String> lookups = new ArrayList<>();
    private final HostResolver fake = host -> {
        lookups.add(host);
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)}; // a literal: parsed, not looked up
    };
    private final EgressPolicy policy = EgressPolicy.enforcing(EgressAllowList.none(), fake);

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1 | a loopback address",
        "127.8.9.10 | a loopback address",
        "localhost | a loopback address",
        "LOCALHOST. | a loopback address",
        "2130706433 | a loopback address",
        "0177.0.0.1 | a loopback address",
        "0x7f000001 | a loopback address",
        "0x7f.0.0.1 | a loopback address",
        "127.1 | a loopback address",
        "127.0.1 | a loopback address",
        "[::1] | a loopback address",
        "[::ffff:127.0.0.1] | a loopback address",
        "[::ffff:7f00:1] | a loopback address",
        "[::127.0.0.1] | a loopback address",
        "[64:ff9b::127.0.0.1] | a loopback address",
        "0.0.0.0 | an unspecified address",
        "0 | an unspecified address",
        "[::] | an unspecified address",
        "[::ffff:0.0.0.0] | an unspecified address",
        "10.0.0.1 | a private address",
        "172.16.0.1 | a private address",
        "172.31.255.255 | a private address",
        "192.168.1.1 | a private address",
        "[::ffff:192.168.1.1] | a private address",
        "[fc00::1] | a private address",
        "[fd12:3456::1] | a private address",
        "intranet.example.com | a private address",
        "100.64.0.1 | a carrier-grade NAT address",
        "169.254.169.254 | a link-local address",
        "metadata.example.com | a link-local address",
        "[::ffff:a9fe:a9fe] | a link-local address",
        "[fe80::1] | a link-local address",
        "224.0.0.1 | a multicast address",
        "[ff02::1] | a multicast address",
        "255.255.255.255 | a broadcast or reserved address",
        "240.0.0.1 | a broadcast or reserved address",
    })
    void internalAddressesAreRefusedInEveryNotation(String host, String kind) {
        assertThatThrownBy(() -> policy.resolve(host))
                .isInstanceOf(EgressRefusedException.class)
                .hasMessage("destination not allowed: " + host + " resolves to " + kind);
    }

    @ParameterizedTest
    @CsvSource({"256.0.0.1", "1.2.3.4.5", "0x1g.0.0.1", "[::zz]", "4294967296"})
    void malformedAddressesAreRefusedWithoutALookup(String host) {
        assertThatThrownBy(() -> policy.resolve(host)).isInstanceOf(EgressRefusedException.class)
                .hasMessage("destination not allowed: " + host + " is not a valid IP address");
        assertThat(lookups).isEmpty();
    }

    @Test
    void numericHostsAreNeverLookedUp() throws Exception {
        policy.resolve("93.184.216.34");
        policy.resolve("0x5db8d822");
        assertThatThrownBy(() -> policy.resolve("2130706433")).isInstanceOf(EgressRefusedException.class);

        assertThat(lookups).isEmpty();
    }

    @Test
    void publicAddressesAreAllowedAsResolved() throws Exception {
        assertThat(policy.resolve("api.example.com")).containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThat(policy.resolve("v6.example.com"))
                .containsExactly(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946"));
        assertThat(policy.resolve("0x5db8d822")).containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThat(policy.resolve("[2606:2800:220:1:248:1893:25c8:1946]")).hasSize(1);
    }

    @Test
    void oneInternalAddressAmongPublicOnesRefusesTheHost() {
        EgressPolicy mixed = EgressPolicy.enforcing(EgressAllowList.none(), host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1")});

        assertThatThrownBy(() -> mixed.resolve("split.example.com")).isInstanceOf(EgressRefusedException.class)
                .hasMessage("destination not allowed: split.example.com resolves to a loopback address");
    }

    @Test
    void theOperatorAllowListAdmitsHostsAndNetworks() throws Exception {
        EgressPolicy allowing = EgressPolicy.enforcing(
                EgressAllowList.of(List.of("localhost", "*.example.com", "192.168.0.0/16", "fd00::/8")), fake);

        assertThat(allowing.resolve("localhost")).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(allowing.resolve("intranet.example.com")).containsExactly(InetAddress.getByName("10.1.2.3"));
        assertThat(allowing.resolve("192.168.7.7")).hasSize(1);
        assertThat(allowing.resolve("[fd00::5]")).hasSize(1);
        assertThatThrownBy(() -> allowing.resolve("127.0.0.1")).isInstanceOf(EgressRefusedException.class);
        assertThatThrownBy(() -> allowing.resolve("10.0.0.1")).isInstanceOf(EgressRefusedException.class);
    }

    @Test
    void unrestrictedResolvesButRefusesNothing() throws Exception {
        EgressPolicy open = EgressPolicy.unrestricted(fake);

        assertThat(open.resolve("localhost")).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(open.resolve("2130706433")).containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void anUnknownHostIsNotARefusal() {
        assertThatThrownBy(() -> policy.resolve("nowhere.example.com")).isInstanceOf(UnknownHostException.class);
        policy.check("nowhere.example.com"); // passes: the request then fails to connect
    }
}
