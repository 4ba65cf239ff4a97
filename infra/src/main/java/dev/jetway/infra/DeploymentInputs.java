package dev.jetway.infra;

import dev.jetway.core.config.ConfigLoader;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a synth needs: the configuration (the file the gateway will read too) and the prebuilt
 * functions jar deployed as every function's code.
 *
 * @param configFile the YAML file; copied into a layer so the functions read exactly this file
 * @param functionsJar {@code functions/target/jetway-functions-<version>.jar} (shaded)
 */
public record DeploymentInputs(Path configFile, GatewayConfig config, Path functionsJar) {

    public DeploymentInputs {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(functionsJar, "functionsJar");
        if (!Files.isRegularFile(functionsJar)) {
            throw new InvalidDeploymentException("the functions jar " + functionsJar + " does not exist; build it with "
                    + "`mvn -pl functions -am package -DskipTests` (make synth does)");
        }
        for (Map.Entry<String, ProviderSpec> p : config.providers().entrySet()) {
            if (p.getValue().mode() == ProviderMode.SUBPROCESS) {
                throw new InvalidDeploymentException(configFile + ": providers." + p.getKey() + ".mode: subprocess "
                        + "providers run only in local mode (make run); on AWS use mode container (an ECS task from "
                        + "an image), remote (a Streamable HTTP URL) or lambda");
            }
        }
    }

    /** Loads and checks the file with the gateway's own loader. */
    public static DeploymentInputs load(Path configFile, Path functionsJar) {
        return new DeploymentInputs(configFile, ConfigLoader.load(configFile), functionsJar);
    }

    public boolean hasContainerProviders() {
        return config.providers().values().stream().anyMatch(p -> p.mode() == ProviderMode.CONTAINER);
    }
}
