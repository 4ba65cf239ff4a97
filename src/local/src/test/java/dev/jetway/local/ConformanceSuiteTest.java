package dev.jetway.local;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official MCP conformance suite against the running local gateway, which fronts the fixture
 * provider under src/test/resources/conformance with name prefixing off (see {@link ConformanceSuite}).
 */
class ConformanceSuiteTest {

    private static LocalGateway gateway;

    @BeforeAll
    static void startGatewayWithTheFixtureProvider() throws Exception {
        gateway = new LocalGateway(Files.readString(TestTools.projectRoot().resolve(ConformanceSuite.FIXTURE_CONFIG)));
        // Started before the suite runs: tools/list must list the fixtures on the first call.
        gateway.jetway.gateway().warm("fixture");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
    }

    @ParameterizedTest(name = "--requirements {0}")
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void everyServerScenarioPassesOrIsBaselinedWithAReason(String requirements) throws Exception {
        ConformanceSuite.assertEveryScenarioPassesOrIsBaselined(gateway.url(), requirements,
                "src/local/src/test/resources/conformance/baseline-" + requirements + ".yml",
                "src/local/target/conformance-" + requirements);
    }
}
