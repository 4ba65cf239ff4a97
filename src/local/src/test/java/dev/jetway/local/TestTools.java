package dev.jetway.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The npm packages the end-to-end tests run (test-tools/). They are installed by {@code make test}
 * and {@code .ci/run}; when they are missing the tests fail with the command to run, they never skip.
 */
public final class TestTools {

    private TestTools() {}

    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("test-tools/package.json"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("cannot find the project root (test-tools/package.json)");
        return dir;
    }

    public static Path require(String relativeToNodeModules) {
        Path path = projectRoot().resolve("test-tools/node_modules").resolve(relativeToNodeModules);
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: run `npm ci --prefix test-tools` "
                    + "(make test and .ci/run do this)");
        }
        return path;
    }

    public static Path serverEverything() {
        return require("@modelcontextprotocol/server-everything/dist/index.js");
    }

    public static Path fixture(String name) {
        return projectRoot().resolve("src/local/src/test/resources/fixtures").resolve(name);
    }

    public static String node() {
        return "node";
    }
}
