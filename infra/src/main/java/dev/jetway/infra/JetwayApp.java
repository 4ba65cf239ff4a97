package dev.jetway.infra;

import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code make synth}): one {@link JetwayStack} from a config file and the functions jar.
 *
 * <ul>
 *   <li>{@code JETWAY_CONFIG}: the YAML file (default {@code functions/src/main/resources/jetway.yaml});
 *   <li>{@code JETWAY_FUNCTIONS_JAR}: the shaded jar (default
 *       {@code functions/target/jetway-functions-0.1.0-SNAPSHOT.jar});
 *   <li>{@code JETWAY_STACK_NAME}: the CloudFormation stack (default {@code Jetway});
 *   <li>{@code CDK_OUTDIR}: where the cloud assembly goes (the CDK CLI sets it; make synth: {@code infra/cdk.out}).
 * </ul>
 * The stack is environment-agnostic (no account or region at synth), so synth needs no credentials.
 */
public final class JetwayApp {

    static final String DEFAULT_CONFIG = "functions/src/main/resources/jetway.yaml";
    static final String DEFAULT_JAR = "functions/target/jetway-functions-0.1.0-SNAPSHOT.jar";

    private JetwayApp() {}

    public static void main(String[] args) {
        Path config = Path.of(env("JETWAY_CONFIG", DEFAULT_CONFIG)).toAbsolutePath();
        Path jar = Path.of(env("JETWAY_FUNCTIONS_JAR", DEFAULT_JAR)).toAbsolutePath();
        DeploymentInputs inputs;
        try {
            inputs = DeploymentInputs.load(config, jar);
        } catch (RuntimeException e) {
            System.err.println("jetway synth: " + e.getMessage());
            System.exit(2);
            return;
        }
        App app = new App();
        new JetwayStack(app, env("JETWAY_STACK_NAME", "Jetway"), StackProps.builder()
                .description("Jetway: serverless MCP gateway and provider registry (" + config.getFileName() + ")")
                .build(), inputs);
        app.synth();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
