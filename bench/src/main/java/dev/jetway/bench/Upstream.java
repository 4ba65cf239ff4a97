package dev.jetway.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An MCP server the gateways front, startable over both transports.
 *
 * @param name {@code fast} (bench/fixture/echo-server.mjs) or {@code everything} (server-everything)
 * @param stdioCommand the command that serves it over stdio
 * @param httpArguments arguments that serve it over Streamable HTTP (after {@code node SCRIPT})
 * @param portInEnvironment whether the HTTP port is passed as {@code PORT} rather than as an argument
 */
record Upstream(String name, Path script, List<String> stdioArguments, List<String> httpArguments, boolean portInEnvironment) {

    static Upstream fast(Path projectRoot) {
        return new Upstream("fast", projectRoot.resolve("bench/fixture/echo-server.mjs"), List.of("stdio"),
                List.of("http"), false);
    }

    static Upstream everything(Path projectRoot) {
        return new Upstream("everything",
                projectRoot.resolve("test-tools/node_modules/@modelcontextprotocol/server-everything/dist/index.js"),
                List.of("stdio"), List.of("streamableHttp"), true);
    }

    List<String> stdioCommand() {
        return concat(List.of("node", script.toString()), stdioArguments);
    }

    List<String> httpCommand(int port) {
        List<String> command = concat(List.of("node", script.toString()), httpArguments);
        return portInEnvironment ? command : concat(command, List.of(Integer.toString(port)));
    }

    Map<String, String> httpEnvironment(int port) {
        return portInEnvironment ? Map.of("PORT", Integer.toString(port)) : Map.of();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
