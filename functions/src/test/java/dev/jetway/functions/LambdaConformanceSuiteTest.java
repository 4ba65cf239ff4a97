package dev.jetway.functions;

import dev.jetway.aws.dynamodb.DynamoDbLocal;
import dev.jetway.aws.dynamodb.DynamoDbSessionStore;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.local.ConformanceSuite;
import dev.jetway.local.SubprocessConnector;
import dev.jetway.local.TestTools;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official MCP conformance suite against the Lambda handler behind the API Gateway emulator,
 * fronting the same fixture provider as the local runner's conformance test, with the sessions in
 * DynamoDB Local. Its baselines list
 * what fails because a buffered Lambda response cannot stream, and what fails in local mode too.
 */
class LambdaConformanceSuiteTest {

    static LambdaGateway function;
    static ApiGatewayEmulator emulator;

    @BeforeAll
    static void startTheHandlerWithTheFixtureProvider() throws Exception {
        GatewayConfig config = ConfigLoader.load(TestTools.projectRoot().resolve(ConformanceSuite.FIXTURE_CONFIG));
        function = new LambdaGateway(config, new SubprocessConnector(TestTools.projectRoot(),
                config.settings().requestTimeout(), System.err::println),
                // Sessions in DynamoDB Local, as the deployed function keeps them in its table.
                new DynamoDbSessionStore(DynamoDbLocal.client(), DynamoDbLocal.newEventTable()), Clock.systemUTC());
        function.gateway().warm("fixture");
        emulator = new ApiGatewayEmulator(new GatewayHandler(function.edge()));
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
        if (function != null) function.gateway().close();
    }

    @ParameterizedTest(name = "--requirements {0}")
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void everyServerScenarioPassesOrIsBaselinedWithAReason(String requirements) throws Exception {
        ConformanceSuite.assertEveryScenarioPassesOrIsBaselined(emulator.url("/mcp"), requirements,
                "functions/src/test/resources/conformance/baseline-" + requirements + ".yml",
                "functions/target/conformance-" + requirements);
    }
}
