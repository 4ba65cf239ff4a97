package dev.jetway.functions;

import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.core.upstream.StreamableHttpConnector;
import dev.jetway.local.SubprocessConnector;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * {@code make run-lambda}: the gateway function's handler behind the API Gateway emulator on a
 * loopback port, so a client sees what it would see on AWS (buffered responses, GET answered 405).
 * Providers are reached as in local mode (stdio subprocesses allowed), since nothing here runs on AWS.
 * Environment: {@code JETWAY_CONFIG} (default examples/jetway.yaml), {@code JETWAY_PORT} (default 8080).
 */
public final class RunLambdaLocally {

    private RunLambdaLocally() {}

    public static void main(String[] args) throws Exception {
        Path config = Path.of(System.getenv().getOrDefault("JETWAY_CONFIG", "examples/jetway.yaml"));
        int port = Integer.parseInt(System.getenv().getOrDefault("JETWAY_PORT", "8080"));
        GatewayConfig loaded = ConfigLoader.load(config);
        SubprocessConnector subprocesses = new SubprocessConnector(Path.of("").toAbsolutePath(),
                loaded.settings().requestTimeout(), System.err::println);
        StreamableHttpConnector remotes = new StreamableHttpConnector(loaded.settings().requestTimeout());
        ProviderConnector connector = (name, spec, listener) -> spec.mode() == ProviderMode.SUBPROCESS
                ? subprocesses.connect(name, spec, listener) : remotes.connect(name, spec, listener);
        LambdaGateway function = new LambdaGateway(loaded, connector, new InMemorySessionStore(), Clock.systemUTC());
        ApiGatewayEmulator emulator = new ApiGatewayEmulator(new GatewayHandler(function.edge()), port);
        System.err.println("jetway: config " + config.toAbsolutePath());
        System.err.println("jetway: the Lambda handler behind an emulated API Gateway at " + emulator.url("/mcp"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            function.gateway().close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
