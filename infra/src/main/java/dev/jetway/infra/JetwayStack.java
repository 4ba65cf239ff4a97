package dev.jetway.infra;

import dev.jetway.aws.lambda.FunctionTarget;
import dev.jetway.aws.secrets.SecretReference;
import dev.jetway.core.config.AwsSettings;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegrationProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Jetway on AWS, shaped by one config file: the event table, the bus and its schemas, the five
 * functions, the {@code /mcp} HTTP API, schedules, the ECS task-state rule and the fan-out, and
 * (only with container providers) the VPC, cluster and task definitions.
 */
public final class JetwayStack extends Stack {

    /** Where the config layer puts the file; the functions' {@code JETWAY_CONFIG}. */
    public static final String CONFIG_PATH = "/opt/jetway/jetway.yaml";
    /**
     * The AWS Distro for OpenTelemetry collector layer (arm64, AWS's public account): an extension that
     * receives OTLP on localhost:4318 and exports traces to X-Ray with the function's role. Layers are
     * regional: the region is the stack's.
     */
    public static final String ADOT_COLLECTOR_LAYER = "arn:aws:lambda:" + Aws.REGION
            + ":901920570463:layer:aws-otel-collector-arm64-ver-0-102-1:1";
    /** Where the functions send their spans (the collector layer's OTLP/HTTP receiver). */
    public static final String OTLP_ENDPOINT = "http://localhost:4318";

    /** The value of {@code POWERTOOLS_SERVICE_NAME} and of the EMF {@code service} dimension. */
    public static final String SERVICE = "jetway";

    // Sizing. Memory buys CPU on Lambda (1769 MB = one vCPU); Java's init and the JSON and TLS work
    // of a proxied call are CPU-bound, so the gateway gets more than the background functions.
    static final JetwayFunction.Spec GATEWAY = new JetwayFunction.Spec("Gateway", "GatewayHandler", 1024,
            // Above the default start_wait_s (25 s) and below API Gateway's 30 s integration limit.
            Duration.seconds(29), "Jetway MCP gateway behind API Gateway (/mcp)");
    static final JetwayFunction.Spec IDLE_GC = new JetwayFunction.Spec("IdleGc", "IdleGcHandler", 512,
            // Runs every minute: a few DynamoDB reads and StopTask calls; must end before the next run.
            Duration.seconds(50), "Jetway idle GC: stops providers unused for idle_ttl_s");
    static final JetwayFunction.Spec HEALTH = new JetwayFunction.Spec("HealthCheck", "HealthCheckHandler", 512,
            // Pings providers concurrently, each bounded by the request timeout; may restart one.
            Duration.seconds(60), "Jetway health checks: ping providers, degrade, recover, restart");
    static final JetwayFunction.Spec ECS_TASK_STATE = new JetwayFunction.Spec("EcsTaskState", "EcsTaskStateHandler", 512,
            // One ECS event, one conditional append.
            Duration.seconds(30), "Jetway ECS task state changes -> provider events");
    static final JetwayFunction.Spec FAN_OUT = new JetwayFunction.Spec("FanOut", "FanOutHandler", 512,
            // A batch of at most 100 records is at most 10 PutEvents calls plus their retries.
            Duration.seconds(60), "Jetway outbox: table stream -> EventBridge bus");

    final Table table;
    final EventBusAndSchemas events;
    final Queue deadLetters;
    final ContainerProviders containers;
    final Map<String, JetwayFunction> functions = new LinkedHashMap<>();
    final HttpApi api;
    final Observability observability;

    public JetwayStack(Construct scope, String id, StackProps props, DeploymentInputs inputs) {
        super(scope, id, props);
        GatewayConfig config = inputs.config();
        AwsSettings aws = config.aws();

        table = Table.Builder.create(this, "Events")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .stream(StreamViewType.NEW_IMAGE)
                .timeToLiveAttribute("expires_at")
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                // The event store is the system of record: destroying the stack keeps it.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        events = new EventBusAndSchemas(this, "EventBus", aws.eventBus(), retention(aws.auditLogRetentionDays()));
        deadLetters = Queue.Builder.create(this, "FanOutDlq")
                .retentionPeriod(Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();

        Set<String> secretArns = secretArns(config);
        Set<String> lambdaArns = lambdaProviderArns(config);
        String telemetryBusArn = telemetryBusArn(config);
        containers = inputs.hasContainerProviders()
                ? new ContainerProviders(this, "Containers", config.providers(), aws, new ContainerProviders.EndpointNeeds(
                        !secretArns.isEmpty() || aws.containers().values().stream().anyMatch(c -> !c.secrets().isEmpty()),
                        telemetryBusArn != null, !lambdaArns.isEmpty()))
                : null;

        Code code = Code.fromAsset(inputs.functionsJar().toString());
        LayerVersion configLayer = LayerVersion.Builder.create(this, "Config")
                .description("The Jetway config file at " + CONFIG_PATH)
                .code(Code.fromAsset(stageConfig(inputs.configFile()).toString()))
                .compatibleRuntimes(List.of(Runtime.JAVA_21))
                .build();
        List<ILayerVersion> layers = List.of(configLayer,
                LayerVersion.fromLayerVersionArn(this, "OtelCollector", ADOT_COLLECTOR_LAYER));
        RetentionDays retention = retention(aws.logRetentionDays());
        JetwayFunction.VpcPlacement inVpc = containers == null ? null : new JetwayFunction.VpcPlacement(
                containers.vpc, containers.subnets, containers.functionSecurityGroup);

        Map<String, String> common = new LinkedHashMap<>();
        common.put("JETWAY_CONFIG", CONFIG_PATH);
        common.put("JETWAY_TABLE", table.getTableName());
        common.put("POWERTOOLS_SERVICE_NAME", SERVICE);
        // Tracing: spans over OTLP/HTTP to the collector layer; JETWAY_TRACING=off turns it off.
        common.put("OTEL_EXPORTER_OTLP_ENDPOINT", OTLP_ENDPOINT);
        common.put("JETWAY_TRACING", "on");
        // C1 only: a Lambda invocation rarely runs long enough for C2 to pay back its compile time.
        common.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        Map<String, String> ecs = containers == null ? Map.of() : ecsEnvironment();

        JetwayFunction gateway = function(GATEWAY, code, layers, merge(common, ecs), retention, inVpc);
        JetwayFunction idleGc = function(IDLE_GC, code, layers, merge(common, ecs), retention, null);
        JetwayFunction health = function(HEALTH, code, layers, merge(common, ecs), retention, inVpc);
        JetwayFunction fanOut = function(FAN_OUT, code, layers, merge(common, Map.of(
                "JETWAY_EVENT_BUS", events.bus.getEventBusName(), "JETWAY_DLQ_URL", deadLetters.getQueueUrl())),
                retention, null);
        JetwayFunction taskState = containers == null ? null
                : function(ECS_TASK_STATE, code, layers, merge(common, ecs), retention, null);

        // Least privilege: each function gets what it calls, on the resources it calls it on.
        for (JetwayFunction f : functions.values()) if (f != fanOut) table.grantReadWriteData(f.role);
        for (JetwayFunction f : List.of(gateway, health)) {
            allow(f, List.of("lambda:InvokeFunction"), lambdaArns);
            allow(f, List.of("secretsmanager:GetSecretValue"), secretArns);
        }
        if (telemetryBusArn != null) allow(gateway, List.of("events:PutEvents"), Set.of(telemetryBusArn));
        if (containers != null) {
            for (JetwayFunction f : List.of(gateway, health)) grantRunTask(f);
            for (JetwayFunction f : List.of(gateway, health, idleGc)) grantTaskControl(f);
        }
        events.bus.grantPutEventsTo(fanOut.role);
        deadLetters.grantSendMessages(fanOut.role);

        api = mcpApi(gateway, aws.jwt(), config.security().iam() != null, config.security().oauth() != null);
        schedules(idleGc, health, config);
        if (taskState != null) ecsTaskStateRule(taskState);
        fanOut.alias.addEventSource(DynamoEventSource.Builder.create(table)
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(100)
                .maxBatchingWindow(Duration.seconds(1))
                .bisectBatchOnError(true)
                .retryAttempts(10)
                // Streams keep records 24 h; give up well before and park them in the DLQ.
                .maxRecordAge(Duration.hours(6))
                .parallelizationFactor(1)
                .reportBatchItemFailures(true)
                .onFailure(new SqsDlq(deadLetters))
                // Only event items: the state item every append also updates never wakes the function.
                .filters(List.of(FilterCriteria.filter(Map.of("dynamodb", Map.of("NewImage",
                        Map.of("item_type", Map.of("S", FilterRule.isEqual("event"))))))))
                .build());

        observability = new Observability(this, "Observability", api, functions, fanOut, deadLetters);

        CfnOutput.Builder.create(this, "McpUrl").value(api.getApiEndpoint() + "/mcp")
                .description("The MCP endpoint: point Streamable HTTP clients here").build();
        CfnOutput.Builder.create(this, "EventBusName").value(events.bus.getEventBusName())
                .description("Jetway events (source jetway) and telemetry (source jetway.telemetry)").build();
        CfnOutput.Builder.create(this, "DashboardUrl").value("https://" + Aws.REGION + ".console.aws.amazon.com/cloudwatch/home?region="
                + Aws.REGION + "#dashboards:name=" + observability.dashboard.getDashboardName()).build();
        CfnOutput.Builder.create(this, "TableName").value(table.getTableName()).build();
        CfnOutput.Builder.create(this, "FanOutDlqUrl").value(deadLetters.getQueueUrl()).build();
    }

    private JetwayFunction function(JetwayFunction.Spec spec, Code code, List<ILayerVersion> layers,
                                    Map<String, String> env, RetentionDays retention,
                                    JetwayFunction.VpcPlacement placement) {
        JetwayFunction f = new JetwayFunction(this, spec, code, layers, env, retention, placement);
        functions.put(spec.id(), f);
        return f;
    }

    private HttpApi mcpApi(JetwayFunction gateway, AwsSettings.Jwt jwt, boolean iamCallers, boolean servesOAuthMetadata) {
        HttpApi http = HttpApi.Builder.create(this, "Api")
                .apiName(getStackName() + "-mcp")
                .description("Jetway MCP endpoint")
                .build();
        AddRoutesOptions.Builder route = AddRoutesOptions.builder()
                .path("/mcp")
                .methods(List.of(HttpMethod.ANY))
                .integration(new HttpLambdaIntegration("Gateway", gateway.alias, HttpLambdaIntegrationProps.builder()
                        .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0).build()));
        if (jwt != null) {
            route.authorizer(HttpJwtAuthorizer.Builder.create("Jwt", jwt.issuer()).jwtAudience(jwt.audience()).build());
        }
        if (iamCallers) {
            // API Gateway checks each request's SigV4 signature and the signer's execute-api:Invoke
            // permission, and passes the signer to the function in requestContext.authorizer.iam.
            route.authorizer(new HttpIamAuthorizer());
        }
        http.addRoutes(route.build());
        if (iamCallers) invokePolicy(http);
        if (servesOAuthMetadata) {
            // RFC 9728: clients fetch the protected-resource metadata before they have a token.
            HttpLambdaIntegration metadata = new HttpLambdaIntegration("Metadata", gateway.alias,
                    HttpLambdaIntegrationProps.builder().payloadFormatVersion(PayloadFormatVersion.VERSION_2_0).build());
            for (String path : List.of("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp")) {
                http.addRoutes(AddRoutesOptions.builder().path(path).methods(List.of(HttpMethod.GET))
                        .integration(metadata).build());
            }
        }
        return http;
    }

    /** A managed policy to attach to the roles and users that may call the gateway (security.iam). */
    private void invokePolicy(HttpApi http) {
        ManagedPolicy invoke = ManagedPolicy.Builder.create(this, "InvokePolicy")
                .description("Call the Jetway MCP endpoint with SigV4-signed requests")
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("execute-api:Invoke"))
                        .resources(List.of(http.arnForExecuteApi("*", "/mcp", "*")))
                        .build()))
                .build();
        CfnOutput.Builder.create(this, "InvokePolicyArn").value(invoke.getManagedPolicyArn())
                .description("Attach to the IAM roles/users that may call the MCP endpoint (security.iam)").build();
    }

    private void schedules(JetwayFunction idleGc, JetwayFunction health, GatewayConfig config) {
        Schedule.Builder.create(this, "IdleGcSchedule")
                .description("Jetway idle GC every minute")
                .schedule(ScheduleExpression.rate(Duration.minutes(1)))
                .target(new LambdaInvoke(idleGc.alias))
                .build();
        Schedule.Builder.create(this, "HealthSchedule")
                .description("Jetway health checks")
                .schedule(ScheduleExpression.rate(Duration.minutes(healthIntervalMinutes(config))))
                .target(new LambdaInvoke(health.alias))
                .build();
    }

    /** The shortest health_check_interval_s of the config, in whole minutes (Scheduler's finest rate is one minute). */
    static long healthIntervalMinutes(GatewayConfig config) {
        long seconds = config.providers().values().stream()
                .filter(p -> p.mode() != ProviderMode.GROUP)
                .mapToLong(ProviderSpec::healthCheckIntervalSeconds)
                .min().orElse(ProviderSpec.DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS);
        return Math.max(1, seconds / 60);
    }

    private void ecsTaskStateRule(JetwayFunction taskState) {
        Rule.Builder.create(this, "EcsTaskStateRule")
                .description("ECS task state changes of Jetway's cluster -> EcsTaskStateHandler")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.ecs"))
                        .detailType(List.of("ECS Task State Change"))
                        .detail(Map.of("clusterArn", List.of(containers.cluster.getClusterArn()),
                                "lastStatus", List.of("RUNNING", "STOPPED")))
                        .build())
                .targets(List.of(new LambdaFunction(taskState.alias, LambdaFunctionProps.builder()
                        .retryAttempts(4).maxEventAge(Duration.hours(1)).build())))
                .build();
    }

    /** The {@code JETWAY_ECS_*} variables the runtime's {@code EcsSettings} reads. */
    private Map<String, String> ecsEnvironment() {
        List<String> definitions = new ArrayList<>();
        List<String> endpoints = new ArrayList<>();
        containers.tasks.forEach((provider, task) -> {
            definitions.add(provider + "=" + task.definition().getTaskDefinitionArn());
            endpoints.add(provider + "=" + task.port() + task.path());
        });
        List<String> subnetIds = containers.vpc.selectSubnets(containers.subnets).getSubnetIds();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JETWAY_ECS_CLUSTER", containers.cluster.getClusterArn());
        env.put("JETWAY_ECS_SUBNETS", String.join(",", subnetIds));
        env.put("JETWAY_ECS_SECURITY_GROUPS", containers.taskSecurityGroup.getSecurityGroupId());
        env.put("JETWAY_ECS_TASK_DEFINITIONS", String.join(",", definitions));
        env.put("JETWAY_ECS_CONTAINER_NAME", ContainerProviders.CONTAINER_NAME);
        env.put("JETWAY_ECS_ENDPOINTS", String.join(",", endpoints));
        return env;
    }

    private void grantRunTask(JetwayFunction f) {
        List<String> definitions = containers.tasks.values().stream()
                .map(t -> t.definition().getTaskDefinitionArn()).toList();
        f.role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW).actions(List.of("ecs:RunTask")).resources(definitions)
                .conditions(Map.of("ArnEquals", Map.of("ecs:cluster", containers.cluster.getClusterArn())))
                .build());
        f.role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW).actions(List.of("iam:PassRole"))
                .resources(containers.passedRoles().stream().map(IRole::getRoleArn).toList())
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")))
                .build());
    }

    private void grantTaskControl(JetwayFunction f) {
        String tasksOfCluster = formatArn(ArnComponents.builder().service("ecs").resource("task")
                .resourceName(containers.cluster.getClusterName() + "/*").arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        f.role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW).actions(List.of("ecs:DescribeTasks", "ecs:StopTask")).resources(List.of(tasksOfCluster))
                .conditions(Map.of("ArnEquals", Map.of("ecs:cluster", containers.cluster.getClusterArn())))
                .build());
    }

    private static void allow(JetwayFunction f, List<String> actions, Set<String> resources) {
        if (resources.isEmpty()) return;
        f.role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW).actions(actions).resources(new ArrayList<>(resources)).build());
    }

    /** The secrets that remote providers' headers reference, as ARNs (a name matches any suffix AWS added). */
    private Set<String> secretArns(GatewayConfig config) {
        Set<String> arns = new LinkedHashSet<>();
        config.providers().values().forEach(p -> p.headers().values().forEach(value -> {
            for (SecretReference ref : SecretReference.in(value)) {
                String id = ref.secretId();
                arns.add(id.startsWith("arn:") ? id : formatArn(ArnComponents.builder().service("secretsmanager")
                        .resource("secret").resourceName(id + "-??????").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build()));
            }
        }));
        return arns;
    }

    /** The functions of {@code lambda} providers, with the qualifier they name (or any, for an unqualified name). */
    private Set<String> lambdaProviderArns(GatewayConfig config) {
        Set<String> arns = new LinkedHashSet<>();
        config.providers().values().stream().filter(p -> p.mode() == ProviderMode.LAMBDA).forEach(p -> {
            FunctionTarget target = FunctionTarget.parse(p.url());
            String unqualified = target.functionName().startsWith("arn:") ? target.functionName()
                    : formatArn(ArnComponents.builder().service("lambda").resource("function")
                            .resourceName(target.functionName()).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
            arns.add(target.qualifier() == null ? unqualified : unqualified + ":" + target.qualifier());
        });
        return arns;
    }

    private String telemetryBusArn(GatewayConfig config) {
        String bus = config.telemetry().eventBridgeBus();
        if (bus == null) return null;
        if (bus.startsWith("arn:")) return bus;
        return bus.equals(config.aws().eventBus()) ? events.bus.getEventBusArn()
                : formatArn(ArnComponents.builder().service("events").resource("event-bus").resourceName(bus)
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    @SafeVarargs
    private static Map<String, String> merge(Map<String, String>... maps) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, String> m : maps) out.putAll(m);
        return out;
    }

    /** A directory holding only {@code jetway/jetway.yaml}: the layer that puts the config at {@link #CONFIG_PATH}. */
    private static Path stageConfig(Path configFile) {
        try {
            Path dir = Files.createTempDirectory("jetway-config-layer");
            Files.createDirectories(dir.resolve("jetway"));
            Files.copy(configFile, dir.resolve("jetway/jetway.yaml"), StandardCopyOption.REPLACE_EXISTING);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + configFile + " for the config layer", e);
        }
    }

    private static final Map<Integer, RetentionDays> RETENTION = Map.ofEntries(
            Map.entry(1, RetentionDays.ONE_DAY), Map.entry(3, RetentionDays.THREE_DAYS),
            Map.entry(5, RetentionDays.FIVE_DAYS), Map.entry(7, RetentionDays.ONE_WEEK),
            Map.entry(14, RetentionDays.TWO_WEEKS), Map.entry(30, RetentionDays.ONE_MONTH),
            Map.entry(60, RetentionDays.TWO_MONTHS), Map.entry(90, RetentionDays.THREE_MONTHS),
            Map.entry(120, RetentionDays.FOUR_MONTHS), Map.entry(150, RetentionDays.FIVE_MONTHS),
            Map.entry(180, RetentionDays.SIX_MONTHS), Map.entry(365, RetentionDays.ONE_YEAR),
            Map.entry(400, RetentionDays.THIRTEEN_MONTHS), Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
            Map.entry(731, RetentionDays.TWO_YEARS), Map.entry(1096, RetentionDays.THREE_YEARS),
            Map.entry(1827, RetentionDays.FIVE_YEARS), Map.entry(2192, RetentionDays.SIX_YEARS),
            Map.entry(2557, RetentionDays.SEVEN_YEARS), Map.entry(2922, RetentionDays.EIGHT_YEARS),
            Map.entry(3288, RetentionDays.NINE_YEARS), Map.entry(3653, RetentionDays.TEN_YEARS));

    /** The CDK value of a retention the config loader accepted (AwsSettings.RETENTION_DAYS). */
    static RetentionDays retention(int days) {
        RetentionDays r = RETENTION.get(days);
        if (r == null) throw new IllegalArgumentException("no CloudWatch Logs retention of " + days + " days");
        return r;
    }
}
