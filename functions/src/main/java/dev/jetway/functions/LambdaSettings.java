package dev.jetway.functions;

import dev.jetway.core.config.ConfigException;
import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the gateway function reads from its environment.
 *
 * @param configLocation {@code JETWAY_CONFIG}: a file path, or {@code classpath:NAME} for a file
 *     bundled in the function's jar; default {@code classpath:jetway.yaml}
 */
record LambdaSettings(String configLocation) {

    static final String CONFIG_VARIABLE = "JETWAY_CONFIG";
    static final String CLASSPATH_PREFIX = "classpath:";
    static final String DEFAULT_CONFIG = CLASSPATH_PREFIX + "jetway.yaml";

    LambdaSettings {
        if (configLocation == null || configLocation.isBlank()) configLocation = DEFAULT_CONFIG;
    }

    static LambdaSettings fromEnvironment(Map<String, String> environment) {
        return new LambdaSettings(environment.get(CONFIG_VARIABLE));
    }

    /** @throws ConfigException naming the location when it cannot be read or is not a valid config */
    GatewayConfig loadConfig() {
        if (!configLocation.startsWith(CLASSPATH_PREFIX)) return ConfigLoader.load(Path.of(configLocation));
        String resource = configLocation.substring(CLASSPATH_PREFIX.length());
        try (InputStream in = LambdaSettings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException(configLocation, "", "not found in the function's jar; bundle it under "
                        + "src/main/resources or set " + CONFIG_VARIABLE + " to a file path");
            }
            return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), configLocation);
        } catch (IOException e) {
            throw new ConfigException(configLocation, "", "cannot read it: " + e.getMessage(), e);
        }
    }
}
