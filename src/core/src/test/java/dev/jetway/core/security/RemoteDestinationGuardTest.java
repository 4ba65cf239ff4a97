package dev.jetway.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import dev.jetway.core.testing.SettableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RemoteDestinationGuardTest {

    private final PinnedAddresses pins = new PinnedAddresses();
    private final AtomicInteger lookups = new AtomicInteger();
    private final Map<String, Deque<List<InetAddress>>> dns = new java.util.HashMap<>();

    /** A DNS whose successive answers for a name a test scripts; literals never reach it. */
    private final HostResolver scriptedDns = host -> {
        lookups.incrementAndGet();
        Deque<List<InetAddress>> answers = dns.get(host);
        if (answers == null || answers.isEmpty()) throw new UnknownHostException(host);
        return answers.size() > 1 ? answers.poll() : answers.peek();
    };

    private final SettableClock clock = SettableClock.at("2026-01-01T00:00:00Z");
    private final RemoteDestinationGuard guard = new RemoteDestinationGuard(scriptedDns, pins, Set.of("internal"),
            AddressPolicy::refusal, clock, RemoteDestinationGuard.PIN_LIFETIME);

    private static InetAddress ip(String literal) {
        return IpLiterals.parse(literal).orElseThrow();
    }

    private void answer(String host, String... addressLists) {
        Deque<List<InetAddress>> answers = new ArrayDeque<>();
        for (String list : addressLists) answers.add(java.util.Arrays.stream(list.split(" ")).map(RemoteDestinationGuardTest::ip).toList());
        dns.put(host, answers);
    }

    @ParameterizedTest(name = "{0} is refused ({1})")
    @CsvSource(delimiter = '|', value = {
        "http://127.0.0.1/mcp                | loopback",
        "http://127.1.2.3:8080/mcp           | loopback",
        "http://2130706433/                  | loopback",
        "http://0x7f000001/                  | loopback",
        "http://0x7f.1/                      | loopback",
        "http://0177.0.0.1/                  | loopback",
        "http://017700000001/                | loopback",
        "http://127.1/                       | loopback",
        "http://[::1]/                       | loopback",
        "http://[::ffff:127.0.0.1]/          | loopback",
        "http://[::ffff:7f00:1]/             | loopback",
        "http://[0:0:0:0:0:ffff:169.254.169.254]/ | link-local",
        "http://[64:ff9b::a9fe:a9fe]/        | link-local",
        "http://169.254.169.254/latest/meta-data/ | link-local",
        "http://0xa9fea9fe/                  | link-local",
        "http://[fe80::1]/                   | link-local",
        "http://[fd00:ec2::254]/             | unique local",
        "http://[fc00::5]/                   | unique local",
        "http://10.0.0.5/                    | private",
        "http://10.255.255.255/              | private",
        "http://172.16.0.1/                  | private",
        "http://172.31.255.254/              | private",
        "http://192.168.1.1/                 | private",
        "http://100.64.0.1/                  | shared",
        "http://100.127.255.254/             | shared",
        "http://0.0.0.0/                     | unspecified",
        "http://0/                           | unspecified",
        "http://[::]/                        | unspecified",
        "http://224.0.0.1/                   | multicast",
        "http://[ff02::1]/                   | multicast",
        "http://255.255.255.255/             | broadcast",
        "ftp://93.184.215.14/                | http or https",
        "http://user:pw@93.184.215.14/       | user:password",
    })
    void forbidden_destinations_are_refused_however_they_are_spelt(String url, String why) {
        assertThatThrownBy(() -> guard.check("public", URI.create(url)))
                .isInstanceOf(ForbiddenDestinationException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("provider 'public': "));
    }

    @ParameterizedTest(name = "{0} is allowed")
    @CsvSource({
        "https://93.184.215.14/mcp", "http://8.8.8.8:8080/mcp", "https://[2606:4700:4700::1111]/mcp",
        "http://172.32.0.1/", "http://100.128.0.1/", "http://11.0.0.1/", "http://192.169.0.1/",
    })
    void public_addresses_are_allowed(String url) {
        assertThat(guard.check("public", URI.create(url)).addresses()).hasSize(1);
        assertThat(lookups.get()).as("a literal never goes to DNS").isZero();
    }

    @Test
    void the_refusal_says_which_address_and_how_to_allow_a_provider_on_a_private_network() {
        assertThatThrownBy(() -> guard.check("public", URI.create("http://169.254.169.254/")))
                .hasMessageContaining("169.254.169.254 is link-local")
                .hasMessageContaining("security.providers.public.allow_private_network: true");
    }

    @Test
    void a_provider_allowed_the_private_network_may_reach_it() {
        assertThat(guard.check("internal", URI.create("http://10.0.0.5:9000/mcp")).port()).isEqualTo(9000);
        assertThat(guard.check("internal", URI.create("http://127.0.0.1/mcp")).addresses()).containsExactly(ip("127.0.0.1"));
    }

    @Test
    void a_name_is_refused_when_any_of_its_addresses_is_forbidden() {
        answer("mixed.example", "93.184.215.14 10.1.2.3");

        assertThatThrownBy(() -> guard.check("public", URI.create("https://mixed.example/mcp")))
                .hasMessageContaining("10.1.2.3 is private");
    }

    @Test
    void a_name_that_rebinds_to_loopback_after_the_check_still_connects_to_the_checked_address() {
        answer("rebind.example", "93.184.215.14", "127.0.0.1");

        RemoteDestinationGuard.Destination destination = guard.check("public", URI.create("https://rebind.example/mcp"));

        assertThat(destination.addresses()).containsExactly(ip("93.184.215.14"));
        assertThat(pins.lookup("rebind.example")).as("the JVM's resolver answers the connection from the pin")
                .contains(List.of(ip("93.184.215.14")));
        assertThat(lookups.get()).as("resolved once: the second, rebinding answer is never asked for").isEqualTo(1);
    }

    @Test
    void a_name_that_resolves_to_the_metadata_address_is_refused_before_any_pin() {
        answer("metadata.example", "169.254.169.254");

        assertThatThrownBy(() -> guard.check("public", URI.create("http://metadata.example/"))).isInstanceOf(ForbiddenDestinationException.class);
        assertThat(pins.lookup("metadata.example")).isEmpty();
    }

    @Test
    void a_name_that_does_not_resolve_is_refused() {
        assertThatThrownBy(() -> guard.check("public", URI.create("http://nowhere.example/"))).hasMessageContaining("does not resolve");
    }

    @Test
    void while_the_pin_is_fresh_a_request_is_confirmed_without_asking_dns() {
        answer("fresh.example", "93.184.215.14", "169.254.169.254");
        RemoteDestinationGuard.Approval approval = guard.asCheck().check("public", URI.create("https://fresh.example/mcp"));

        clock.advance(RemoteDestinationGuard.PIN_LIFETIME);
        approval.confirm();

        assertThat(lookups.get()).as("one lookup at connect; a fresh pin costs no DNS per request").isEqualTo(1);
        assertThat(pins.lookup("fresh.example")).contains(List.of(ip("93.184.215.14")));
    }

    @Test
    void after_the_pin_expires_a_request_is_refused_when_the_name_now_resolves_to_the_metadata_address() {
        answer("rebind-later.example", "93.184.215.14", "169.254.169.254");
        RemoteDestinationGuard.Approval approval = guard.asCheck().check("public", URI.create("https://rebind-later.example/mcp"));

        clock.advance(RemoteDestinationGuard.PIN_LIFETIME.plusSeconds(1));

        assertThatThrownBy(approval::confirm)
                .isInstanceOf(ForbiddenDestinationException.class)
                .hasMessageContaining("provider 'public'")
                .hasMessageContaining("rebind-later.example")
                .hasMessageContaining("169.254.169.254 is link-local")
                .hasMessageContaining("security.providers.public.allow_private_network: true");
        assertThat(lookups.get()).as("the expired pin was resolved and checked again").isEqualTo(2);
    }

    @Test
    void after_the_pin_expires_the_jvm_resolver_gets_a_refusal_never_the_unchecked_answer() {
        answer("rebind-jvm.example", "93.184.215.14", "10.0.0.7");
        guard.check("public", URI.create("https://rebind-jvm.example/mcp"));

        clock.advance(RemoteDestinationGuard.PIN_LIFETIME.plusSeconds(1));

        // What PinningResolverProvider asks when the HTTP client opens a new connection.
        assertThatThrownBy(() -> pins.lookup("rebind-jvm.example"))
                .isInstanceOf(ForbiddenDestinationException.class)
                .hasMessageContaining("10.0.0.7 is private");
        assertThatThrownBy(() -> pins.lookup("rebind-jvm.example"))
                .as("a refused re-check leaves the name guarded; it does not fall through to DNS")
                .isInstanceOf(ForbiddenDestinationException.class);
    }

    @Test
    void after_the_pin_expires_a_still_allowed_answer_is_pinned_for_another_lifetime() {
        answer("moved.example", "93.184.215.14", "8.8.8.8");
        RemoteDestinationGuard.Approval approval = guard.asCheck().check("public", URI.create("https://moved.example/mcp"));

        clock.advance(RemoteDestinationGuard.PIN_LIFETIME.plusSeconds(1));
        approval.confirm();
        clock.advance(RemoteDestinationGuard.PIN_LIFETIME.minusSeconds(1));
        approval.confirm();

        assertThat(pins.lookup("moved.example")).as("the provider may move to another allowed address")
                .contains(List.of(ip("8.8.8.8")));
        assertThat(lookups.get()).as("connect, then one re-check; the new pin is fresh again").isEqualTo(2);
    }

    @Test
    void after_the_pin_expires_a_name_that_no_longer_resolves_is_refused() {
        answer("gone.example", "93.184.215.14");
        RemoteDestinationGuard.Approval approval = guard.asCheck().check("public", URI.create("https://gone.example/mcp"));
        dns.remove("gone.example");

        clock.advance(RemoteDestinationGuard.PIN_LIFETIME.plusSeconds(1));

        assertThatThrownBy(approval::confirm).hasMessageContaining("'gone.example' does not resolve");
    }

    @Test
    void a_provider_allowed_the_private_network_pins_nothing_that_others_would_read() {
        answer("intranet.example", "10.0.0.5");

        guard.check("internal", URI.create("http://intranet.example/mcp"));

        assertThat(pins.lookup("intranet.example")).as("pins hold only answers the policy allows").isEmpty();
    }
}
