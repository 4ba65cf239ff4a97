package dev.jetway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** A config of remote and lambda providers: everything but the container pieces. */
class ServerlessStackTest {

    final Template template = Synth.of(Configs.SERVERLESS).template();

    @Test
    void theTableHasTheEventStoreKeysStreamTtlPitrAndOnDemandBilling() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "AttributeDefinitions", List.of(Map.of("AttributeName", "pk", "AttributeType", "S"),
                        Map.of("AttributeName", "sk", "AttributeType", "S")),
                "BillingMode", "PAY_PER_REQUEST",
                "StreamSpecification", Map.of("StreamViewType", "NEW_IMAGE"),
                "TimeToLiveSpecification", Map.of("AttributeName", "expires_at", "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)));
        template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void everyFunctionIsJava21OnArm64WithSnapStartOnPublishedVersionsAndALiveAlias() {
        Map<String, Map<String, Object>> functions = Templates.ofType(template, "AWS::Lambda::Function");
        assertThat(functions.values()).extracting(f -> f.get("Handler")).as("no ECS task-state function without containers")
                .containsExactlyInAnyOrder(
                        "dev.jetway.functions.GatewayHandler::handleRequest",
                        "dev.jetway.functions.IdleGcHandler::handleRequest",
                        "dev.jetway.functions.HealthCheckHandler::handleRequest",
                        "dev.jetway.functions.FanOutHandler::handleRequest");
        for (Map<String, Object> f : functions.values()) {
            assertThat(f).containsEntry("Runtime", "java21")
                    .containsEntry("Architectures", List.of("arm64"))
                    .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
            assertThat(f).as("no VPC without container providers").doesNotContainKey("VpcConfig");
            @SuppressWarnings("unchecked")
            Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) f.get("Environment")).get("Variables");
            assertThat(env).containsEntry("JETWAY_CONFIG", "/opt/jetway/jetway.yaml").containsKey("JETWAY_TABLE");
        }
        template.resourceCountIs("AWS::Lambda::Alias", 4);
        template.allResourcesProperties("AWS::Lambda::Alias", Map.of("Name", "live"));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.jetway.functions.GatewayHandler::handleRequest", "MemorySize", 1024, "Timeout", 29));
    }

    @Test
    void everyFunctionTracesActivelyAndSendsItsSpansToTheCollectorLayer() {
        Map<String, Map<String, Object>> functions = Templates.ofType(template, "AWS::Lambda::Function");
        assertThat(functions).isNotEmpty();
        for (Map<String, Object> f : functions.values()) {
            assertThat(f).containsEntry("TracingConfig", Map.of("Mode", "Active"));
            @SuppressWarnings("unchecked")
            Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) f.get("Environment")).get("Variables");
            assertThat(env).containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318")
                    .containsEntry("JETWAY_TRACING", "on");
            assertThat(Templates.asList(f.get("Layers"))).as("the config layer and the ADOT collector layer").hasSize(2)
                    .anySatisfy(layer -> assertThat(String.valueOf(layer))
                            .contains(":901920570463:layer:aws-otel-collector-arm64-ver-"));
        }
        // Active tracing lets the role write segments; X-Ray offers no resource to scope that to.
        assertThat(Templates.statements(template)).anySatisfy(s -> assertThat(Templates.asList(s.getValue().get("Action")))
                .contains("xray:PutTraceSegments", "xray:PutTelemetryRecords"));
    }

    @Test
    void theConfigFileReachesTheFunctionsAsALayer() {
        template.hasResourceProperties("AWS::Lambda::LayerVersion", Map.of("CompatibleRuntimes", List.of("java21")));
        template.allResourcesProperties("AWS::Lambda::Function", Map.of("Layers", Match.anyValue()));
    }

    @Test
    void mcpIsOneAnyRouteToTheGatewayAliasBehindTheJwtAuthorizer() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
        template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of(
                "RouteKey", "ANY /mcp", "AuthorizationType", "JWT"));
        template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of(
                "IntegrationType", "AWS_PROXY", "PayloadFormatVersion", "2.0",
                "IntegrationUri", Map.of("Ref", Match.stringLikeRegexp("GatewayAlias.*"))));
        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
                "AuthorizerType", "JWT",
                "JwtConfiguration", Map.of("Issuer", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc",
                        "Audience", List.of("jetway-client"))));
    }

    @Test
    void withOAuthConfiguredTheProtectedResourceMetadataIsRoutedWithoutAnAuthorizer() {
        Template oauth = Synth.of("""
                providers:
                  a: {mode: remote, url: 'https://a.example.com/mcp'}
                security:
                  oauth:
                    resource: https://mcp.example.com/mcp
                    issuer: https://auth.example.com/
                    jwks_uri: https://auth.example.com/.well-known/jwks.json
                """).template();
        for (String path : List.of("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp")) {
            oauth.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "GET " + path, "AuthorizationType", "NONE"));
        }
    }

    @Test
    void withIamCallersTheRouteIsIamAuthorizedAndAnInvokePolicyIsOffered() {
        Template iam = Synth.of("""
                providers:
                  a: {mode: remote, url: 'https://a.example.com/mcp'}
                security:
                  iam:
                    principals:
                      - {arn: "arn:aws:iam::123456789012:role/agents", roles: [agents]}
                """).template();

        iam.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "ANY /mcp", "AuthorizationType", "AWS_IAM"));
        iam.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 0);
        iam.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Map.of("Action", "execute-api:Invoke", "Effect", "Allow",
                        "Resource", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
                                Match.arrayWith(List.of(":execute-api:", "/*/*/mcp")))))))))));
        iam.hasOutput("InvokePolicyArn", Match.anyValue());
    }

    @Test
    void withoutAJwtSectionTheRouteIsOpenAndNoAuthorizerExists() {
        Template open = Synth.of(Configs.CONTAINERS_ENDPOINTS).template();
        open.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 0);
        open.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "ANY /mcp", "AuthorizationType", "NONE"));
    }

    @Test
    void idleGcRunsEveryMinuteAndHealthAtTheShortestConfiguredInterval() {
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "rate(1 minute)",
                "Target", Map.of("Arn", Map.of("Ref", Match.stringLikeRegexp("IdleGcAlias.*")))));
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "rate(2 minutes)",
                "Target", Map.of("Arn", Map.of("Ref", Match.stringLikeRegexp("HealthCheckAlias.*")))));
    }

    @Test
    void theFanOutReadsTheStreamWithBisectBoundedRetriesBatchFailuresAndTheDlq() {
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Events.*"), "StreamArn")),
                "BisectBatchOnFunctionError", true,
                "MaximumRetryAttempts", 10,
                "MaximumRecordAgeInSeconds", 21600,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination",
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("FanOutDlq.*"), "Arn")))),
                "FilterCriteria", Map.of("Filters", List.of(Map.of("Pattern",
                        "{\"dynamodb\":{\"NewImage\":{\"item_type\":{\"S\":[\"event\"]}}}}")))));
    }

    @Test
    void theBusIsNamedJetwayAndEveryEventSchemaIsRegisteredAsDraft4() {
        template.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "jetway"));
        template.hasResourceProperties("AWS::EventSchemas::Registry", Map.of("RegistryName", "jetway"));
        Map<String, Map<String, Object>> schemas = Templates.ofType(template, "AWS::EventSchemas::Schema");
        assertThat(schemas).hasSize(EventBridgeSchemas.all().size()).hasSize(21);
        assertThat(schemas.values()).extracting(s -> s.get("Type")).containsOnly("JSONSchemaDraft4");
        assertThat(schemas.values()).extracting(s -> s.get("SchemaName"))
                .contains("jetway@ProviderStarted", "jetway@ProviderStopped", "jetway.telemetry@Request");
    }

    @Test
    void theAuditRuleSendsEveryJetwayEventOfTheBusToItsLogGroup() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Map.of("Ref", Match.stringLikeRegexp("EventBus.*")),
                "EventPattern", Map.of("source", List.of(Map.of("prefix", "jetway"))),
                "Targets", List.of(Map.of("Id", "AuditLogs", "Arn", Match.anyValue()))));
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/aws/events/jetway-audit"));
        template.hasResourceProperties("AWS::Logs::ResourcePolicy", Map.of("PolicyDocument", Match.anyValue()));
    }

    @Test
    void alarmsWatchTheErrorRateTheDlqAndTheIteratorAge() {
        template.resourceCountIs("AWS::CloudWatch::Alarm", 3);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Threshold", 5, "Metrics", Match.arrayWith(List.of(Match.objectLike(Map.of("Expression", "100 * errors / requests"))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible", "Threshold", 0));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "IteratorAge", "Threshold", 300000));
    }

    @Test
    void theDashboardShowsEmfMetricsPerProviderAndToolColdStartsStartsIdleStopsIteratorAgeAndDlqDepth() {
        String body = String.valueOf(Templates.ofType(template, "AWS::CloudWatch::Dashboard").values().iterator().next()
                .get("DashboardBody"));
        assertThat(body).contains("SEARCH('{Jetway,provider,tool} MetricName=", "RequestCount", "'p50'", "'p99'",
                "{Jetway,service} MetricName=", "ColdStart", "ProviderStarts", "ProviderIdleStops", "IteratorAge",
                "ApproximateNumberOfMessagesVisible");
    }

    @Test
    void theOutputsAreTheMcpUrlTheBusAndTheDashboard() {
        template.hasOutput("McpUrl", Map.of("Value", Match.anyValue()));
        template.hasOutput("EventBusName", Map.of("Value", Match.anyValue()));
        template.hasOutput("DashboardUrl", Map.of("Value", Match.anyValue()));
    }

    @Test
    void noVpcNoNatNoEcsWithoutContainerProviders() {
        template.resourceCountIs("AWS::EC2::VPC", 0);
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        template.resourceCountIs("AWS::ECS::Cluster", 0);
        template.resourceCountIs("AWS::ECS::TaskDefinition", 0);
        template.resourceCountIs("AWS::EC2::VPCEndpoint", 0);
    }

    @Test
    void theGatewayAndHealthMayInvokeTheLambdaProviderAndReadTheReferencedSecretOnly() {
        String statements = Templates.statements(template).toString();
        assertThat(statements).contains("lambda:InvokeFunction", ":function:mcp-calc:live",
                "secretsmanager:GetSecretValue", ":secret:prod/weather-??????");
    }

    @Test
    void theResourceCountsByTypeAreStable() {
        assertThat(Templates.countByType(template)).isEqualTo(Map.ofEntries(
                Map.entry("AWS::ApiGatewayV2::Api", 1), Map.entry("AWS::ApiGatewayV2::Authorizer", 1),
                Map.entry("AWS::ApiGatewayV2::Integration", 1), Map.entry("AWS::ApiGatewayV2::Route", 1),
                Map.entry("AWS::ApiGatewayV2::Stage", 1), Map.entry("AWS::CloudWatch::Alarm", 3),
                Map.entry("AWS::CloudWatch::Dashboard", 1), Map.entry("AWS::DynamoDB::Table", 1),
                Map.entry("AWS::EventSchemas::Registry", 1), Map.entry("AWS::EventSchemas::Schema", 21),
                Map.entry("AWS::Events::EventBus", 1), Map.entry("AWS::Events::Rule", 1),
                Map.entry("AWS::IAM::Policy", 6), Map.entry("AWS::IAM::Role", 6),
                Map.entry("AWS::Lambda::Alias", 4), Map.entry("AWS::Lambda::EventSourceMapping", 1),
                Map.entry("AWS::Lambda::Function", 4), Map.entry("AWS::Lambda::LayerVersion", 1),
                Map.entry("AWS::Lambda::Permission", 1), Map.entry("AWS::Lambda::Version", 4),
                Map.entry("AWS::Logs::LogGroup", 5), Map.entry("AWS::Logs::ResourcePolicy", 1),
                Map.entry("AWS::SQS::Queue", 1), Map.entry("AWS::SQS::QueuePolicy", 1),
                Map.entry("AWS::Scheduler::Schedule", 2)));
    }
}
