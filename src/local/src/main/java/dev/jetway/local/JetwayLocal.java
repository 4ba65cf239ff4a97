package dev.jetway.local;

import dev.jetway.core.config.ConfigException;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.gateway.Gateway;
import dev.jetway.core.mcp.FrontDoor;
import dev.jetway.core.mcp.InMemorySessionStore;
import dev.jetway.core.security.BindPolicy;
import dev.jetway.core.security.CallerAwareEndpoint;
import dev.jetway.core.security.Redaction;
import dev.jetway.core.security.Redactor;
import dev.jetway.core.security.RemoteDestinationGuard;
import dev.jetway.core.security.SecuredEndpoint;
import dev.jetway.core.upstream.StreamableHttpConnector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The local runner's composition root: reads the config, wires the gateway with subprocess and
 * remote connectors, and serves the front door over HTTP until the JVM is stopped.
 */
public final class JetwayLocal implements AutoCloseable {

    private final Gateway gateway;
    private final LocalHttpServer server;
    private final String endpoint;

    private JetwayLocal(Gateway gateway, LocalHttpServer server, String host) {
        this.gateway = gateway;
        this.server = server;
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        this.endpoint = "http://" + shownHost + ":" + server.port() + FrontDoor.PATH;
    }

    /** Starts a gateway for the config; port 0 picks a free port. */
    public static JetwayLocal start(GatewayConfig config, String host, int port, Path workingDirectory,
                                    PrintStream log) throws IOException {
        Duration startTimeout = config.settings().requestTimeout();
        LocalConnector connector = new LocalConnector(
                new SubprocessConnector(workingDirectory, startTimeout, log::println),
                new StreamableHttpConnector(startTimeout, RemoteDestinationGuard.forSettings(config.security()).asCheck()));
        Gateway gateway = Gateway.startingOnFirstUse(config, connector);
        FrontDoor frontDoor = new FrontDoor(gateway, new InMemorySessionStore(), Clock.systemUTC(), true);
        SecuredEndpoint edge = SecuredEndpoint.forConfig(config, Clock.systemUTC(), CallerAwareEndpoint.ignoringCaller(frontDoor::handle));
        LocalHttpServer server = new LocalHttpServer(edge::handle, host, port, config.settings().maxBodyBytes());
        server.start();
        if (config.settings().warmOnStart()) gateway.warmAll();
        return new JetwayLocal(gateway, server, host);
    }

    public String endpoint() {
        return endpoint;
    }

    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        server.close();
        gateway.close();
    }

    public static void main(String[] args) throws Exception {
        LocalOptions options;
        GatewayConfig config;
        try {
            options = LocalOptions.parse(args, System.getenv());
            config = ConfigLoader.load(options.config());
            BindPolicy.requireSafe(options.host(), config.security());
            Redaction.installProcessWide(Redactor.forConfig(config));
        } catch (IllegalArgumentException e) {
            System.err.println("jetway: " + e.getMessage());
            System.err.println(LocalOptions.USAGE);
            System.exit(2);
            return;
        } catch (ConfigException e) {
            System.err.println("jetway: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        JetwayLocal jetway = start(config, options.host(), options.port(), workingDirectory, System.err);
        System.err.println("jetway: config " + options.config().toAbsolutePath());
        config.providers().forEach((name, spec) -> System.err.println("jetway: provider " + name
                + " (" + spec.mode().wireName() + ") " + jetway.gateway.describeState(name)
                + (config.settings().warmOnStart() ? ", starting now" : ", starts on first use")));
        System.err.println("jetway: MCP endpoint ready at " + jetway.endpoint()
                + "  (point your MCP client at this URL)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            jetway.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
