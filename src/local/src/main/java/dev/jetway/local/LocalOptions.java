package dev.jetway.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * Command-line options of the local runner. Each flag has a {@code JETWAY_*} environment variable;
 * a flag wins over its variable.
 */
public record LocalOptions(Path config, String host, int port) {

    public static final String USAGE = """
            usage: jetway [--config FILE] [--port N] [--host ADDR]
              --config FILE  providers and gateway settings (env JETWAY_CONFIG, default examples/jetway.yaml)
              --port N       TCP port (env JETWAY_PORT, default 8080)
              --host ADDR    address to bind (env JETWAY_HOST, default 127.0.0.1: this machine only)""";

    public LocalOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be between 0 and 65535");
        if (host == null || host.isBlank()) throw new IllegalArgumentException("--host must not be empty");
    }

    public static LocalOptions parse(String[] args, Map<String, String> env) {
        String config = env.getOrDefault("JETWAY_CONFIG", "examples/jetway.yaml");
        String host = env.getOrDefault("JETWAY_HOST", "127.0.0.1");
        String port = env.getOrDefault("JETWAY_PORT", "8080");
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value;
            int eq = flag.indexOf('=');
            if (eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else {
                if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
                value = args[++i];
            }
            switch (flag) {
                case "--config" -> config = value;
                case "--host" -> host = value;
                case "--port" -> port = value;
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, not '" + port + "'");
        }
        return new LocalOptions(Path.of(config), host, portNumber);
    }
}
