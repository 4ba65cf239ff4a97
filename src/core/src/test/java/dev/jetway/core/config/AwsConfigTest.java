package dev.jetway.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsConfigTest {

    private static final String PROVIDERS = """
            providers:
              weather: {mode: container, image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/weather:1}
              api: {mode: remote, url: https://mcp.example.com/mcp}
            """;

    private static GatewayConfig parse(String aws) {
        return ConfigLoader.parse(PROVIDERS + aws, "jetway.yaml");
    }

    @Test
    void withoutAnAwsSectionTheDeploymentDefaultsApply() {
        AwsSettings aws = parse("").aws();

        assertThat(aws).isEqualTo(AwsSettings.defaults());
        assertThat(aws.eventBus()).isEqualTo("jetway");
        assertThat(aws.jwt()).as("no authorizer unless asked for").isNull();
        assertThat(aws.vpc()).isEqualTo(new AwsSettings.Vpc(AwsSettings.Egress.NAT, 2, 1));
        assertThat(aws.container("weather")).isEqualTo(AwsSettings.Container.defaults());
    }

    @Test
    void everyAwsKeyIsRead() {
        AwsSettings aws = parse("""
                aws:
                  event_bus: jetway-prod
                  jwt:
                    issuer: https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc
                    audience: [client-a, client-b]
                  vpc: {egress: endpoints, max_azs: 3, nat_gateways: 2}
                  log_retention_days: 90
                  audit_log_retention_days: 365
                  containers:
                    weather:
                      cpu: 512
                      memory: 2048
                      port: 3000
                      path: /
                      architecture: arm64
                      secrets: {API_KEY: "prod/weather#api_key", TOKEN: prod/token}
                """).aws();

        assertThat(aws.eventBus()).isEqualTo("jetway-prod");
        assertThat(aws.jwt()).isEqualTo(new AwsSettings.Jwt("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc",
                List.of("client-a", "client-b")));
        assertThat(aws.vpc()).isEqualTo(new AwsSettings.Vpc(AwsSettings.Egress.ENDPOINTS, 3, 2));
        assertThat(aws.logRetentionDays()).isEqualTo(90);
        assertThat(aws.auditLogRetentionDays()).isEqualTo(365);
        assertThat(aws.container("weather")).isEqualTo(new AwsSettings.Container(512, 2048, 3000, "/", true,
                Map.of("API_KEY", "prod/weather#api_key", "TOKEN", "prod/token")));
        assertThat(AwsSettings.Container.secretId("prod/weather#api_key")).isEqualTo("prod/weather");
        assertThat(AwsSettings.Container.secretJsonKey("prod/weather#api_key")).isEqualTo("api_key");
        assertThat(AwsSettings.Container.secretJsonKey("prod/token")).isNull();
    }

    @Test
    void aSingleAudienceMayBeAString() {
        AwsSettings aws = parse("aws: {jwt: {issuer: 'https://issuer.example.com/', audience: api}}").aws();

        assertThat(aws.jwt().audience()).containsExactly("api");
    }

    @Test
    void anUnknownAwsKeyIsAnErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> parse("aws: {eventbus: x}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("jetway.yaml: aws.eventbus: unknown key")
                .hasMessageContaining("event_bus");
    }

    @Test
    void aJwtIssuerThatIsNotHttpsIsRefusedWithAnExample() {
        assertThatThrownBy(() -> parse("aws: {jwt: {issuer: 'http://issuer.example.com', audience: [a]}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("aws.jwt: jwt.issuer must be an https URL");
    }

    @Test
    void aJwtWithoutAudienceIsRefused() {
        assertThatThrownBy(() -> parse("aws: {jwt: {issuer: 'https://issuer.example.com'}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("aws.jwt.audience: missing");
    }

    @Test
    void anUnknownEgressNamesBothChoices() {
        assertThatThrownBy(() -> parse("aws: {vpc: {egress: internet}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("aws.vpc.egress: expected nat or endpoints but was 'internet'");
    }

    @Test
    void moreNatGatewaysThanZonesAreRefused() {
        assertThatThrownBy(() -> parse("aws: {vpc: {max_azs: 2, nat_gateways: 3}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("vpc.nat_gateways must be from 1 to max_azs (2)");
    }

    @Test
    void containerSettingsForAProviderThatIsNotAContainerAreRefused() {
        assertThatThrownBy(() -> parse("aws: {containers: {api: {cpu: 256}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("aws.containers.api: names no container provider")
                .hasMessageContaining("this one's mode is remote");
        assertThatThrownBy(() -> parse("aws: {containers: {nobody: {cpu: 256}}}"))
                .hasMessageContaining("aws.containers.nobody: names no container provider");
    }

    @Test
    void aMemorySizeFargateDoesNotOfferForTheCpuIsRefusedWithTheAllowedRange() {
        assertThatThrownBy(() -> parse("aws: {containers: {weather: {cpu: 1024, memory: 1024}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("aws.containers.weather: memory 1024 is not a size Fargate allows with cpu 1024; "
                        + "allowed: from 2048 to 8192 in steps of 1024");
        assertThatThrownBy(() -> parse("aws: {containers: {weather: {cpu: 300}}}"))
                .hasMessageContaining("cpu must be one of the Fargate sizes [256, 512, 1024, 2048, 4096, 8192, 16384]");
    }

    @Test
    void aSecretMustMapAnEnvironmentNameToASecret() {
        assertThatThrownBy(() -> parse("aws: {containers: {weather: {secrets: {'API-KEY': prod/key}}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("secrets key 'API-KEY' is not an environment variable name");
        assertThatThrownBy(() -> parse("aws: {containers: {weather: {secrets: {API_KEY: 'prod/key#'}}}}"))
                .hasMessageContaining("secrets.API_KEY must be a secret name or ARN, optionally followed by #json_key");
    }

    @Test
    void aRetentionCloudWatchDoesNotOfferIsRefused() {
        assertThatThrownBy(() -> parse("aws: {log_retention_days: 10}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("log_retention_days must be one of the periods CloudWatch Logs accepts");
    }

    @Test
    void theDefaultBusCannotBeUsed() {
        assertThatThrownBy(() -> parse("aws: {event_bus: default}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("event_bus must be");
    }
}
