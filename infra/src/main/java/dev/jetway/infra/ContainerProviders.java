package dev.jetway.infra;

import dev.jetway.core.config.AwsSettings;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IInterfaceVpcEndpointService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryAttributes;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The VPC, ECS cluster and one Fargate task definition per {@code container} provider. Only built
 * when the config has one: without container providers Jetway has no VPC at all.
 *
 * <p>Subnets are private: the gateway and health functions run in them and reach each task at its
 * private IP on its port; the task security group admits exactly that. Egress is either NAT
 * gateways (AWS APIs, public images, remote providers on the internet) or VPC endpoints only (no
 * internet; images from ECR), by {@code aws.vpc.egress}.
 */
final class ContainerProviders extends Construct {

    static final String CONTAINER_NAME = "mcp";
    private static final Pattern ECR_IMAGE = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([a-z0-9._/-]+)(?::([\\w.-]+)|@(sha256:[a-f0-9]{64}))?");

    /** A provider's task definition and where its MCP endpoint listens. */
    record Task(FargateTaskDefinition definition, int port, String path) {}

    final Vpc vpc;
    final SubnetSelection subnets;
    final Cluster cluster;
    final SecurityGroup functionSecurityGroup;
    final SecurityGroup taskSecurityGroup;
    final Map<String, Task> tasks = new LinkedHashMap<>();

    ContainerProviders(Construct scope, String id, Map<String, ProviderSpec> providers, AwsSettings aws,
                       EndpointNeeds needs) {
        super(scope, id);
        AwsSettings.Vpc settings = aws.vpc();
        boolean nat = settings.egress() == AwsSettings.Egress.NAT;
        SubnetType privateType = nat ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PRIVATE_ISOLATED;
        List<SubnetConfiguration> layout = new ArrayList<>();
        if (nat) layout.add(SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build());
        layout.add(SubnetConfiguration.builder().name("private").subnetType(privateType).cidrMask(22).build());
        vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(settings.maxAzs())
                .natGateways(nat ? settings.natGateways() : 0)
                .subnetConfiguration(layout)
                .build();
        subnets = SubnetSelection.builder().subnetType(privateType).build();
        // DynamoDB and S3 (where ECR keeps image layers) gateway endpoints cost nothing and keep that
        // traffic off the NAT gateways' per-GB charge.
        vpc.addGatewayEndpoint("DynamoDb", GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.DYNAMODB).subnets(List.of(subnets)).build());
        vpc.addGatewayEndpoint("S3", GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.S3).subnets(List.of(subnets)).build());
        if (!nat) addInterfaceEndpoints(needs);

        cluster = Cluster.Builder.create(this, "Cluster").vpc(vpc).build();
        functionSecurityGroup = SecurityGroup.Builder.create(this, "FunctionSg").vpc(vpc)
                .description("Jetway gateway and health functions").allowAllOutbound(true).build();
        taskSecurityGroup = SecurityGroup.Builder.create(this, "TaskSg").vpc(vpc)
                .description("Jetway container providers: MCP port from the gateway functions only")
                .allowAllOutbound(true).build();

        RetentionDays retention = JetwayStack.retention(aws.logRetentionDays());
        TreeSet<Integer> ports = new TreeSet<>();
        providers.forEach((name, spec) -> {
            if (spec.mode() != ProviderMode.CONTAINER) return;
            AwsSettings.Container settingsOf = aws.container(name);
            tasks.put(name, task(name, spec, settingsOf, retention, nat));
            ports.add(settingsOf.port());
        });
        for (int port : ports) {
            taskSecurityGroup.addIngressRule(Peer.securityGroupId(functionSecurityGroup.getSecurityGroupId()),
                    Port.tcp(port), "MCP from the Jetway functions");
        }
    }

    private Task task(String provider, ProviderSpec spec, AwsSettings.Container settings, RetentionDays retention,
                      boolean nat) {
        Construct scope = new Construct(this, "Provider-" + provider);
        FargateTaskDefinition definition = FargateTaskDefinition.Builder.create(scope, "Task")
                .family("jetway-" + provider)
                .cpu(settings.cpu())
                .memoryLimitMiB(settings.memoryMib())
                .runtimePlatform(RuntimePlatform.builder()
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .cpuArchitecture(settings.arm64() ? CpuArchitecture.ARM64 : CpuArchitecture.X86_64)
                        .build())
                .volumes(List.of(Volume.builder().name("tmp").build()))
                .build();
        LogGroup logs = LogGroup.Builder.create(scope, "Logs").retention(retention)
                .removalPolicy(RemovalPolicy.DESTROY).build();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        settings.secrets().forEach((env, reference) -> {
            String secretId = AwsSettings.Container.secretId(reference);
            var secret = secretId.startsWith("arn:")
                    ? software.amazon.awscdk.services.secretsmanager.Secret.fromSecretCompleteArn(scope, "Secret-" + env, secretId)
                    : software.amazon.awscdk.services.secretsmanager.Secret.fromSecretNameV2(scope, "Secret-" + env, secretId);
            String jsonKey = AwsSettings.Container.secretJsonKey(reference);
            secrets.put(env, jsonKey == null ? Secret.fromSecretsManager(secret) : Secret.fromSecretsManager(secret, jsonKey));
        });
        ContainerDefinitionOptions.Builder container = ContainerDefinitionOptions.builder()
                .image(image(scope, provider, spec.image(), nat))
                .essential(true)
                .readonlyRootFilesystem(true)
                .environment(spec.env())
                .secrets(secrets)
                .portMappings(List.of(PortMapping.builder().containerPort(settings.port()).build()))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix(provider).build()));
        if (!spec.command().isEmpty()) container.command(spec.command());
        ContainerDefinition definitionOfContainer = definition.addContainer(CONTAINER_NAME, container.build());
        // The root file system is read-only; /tmp is the task's own scratch space.
        definitionOfContainer.addMountPoints(MountPoint.builder().sourceVolume("tmp").containerPath("/tmp").readOnly(false).build());
        return new Task(definition, settings.port(), settings.path());
    }

    private ContainerImage image(Construct scope, String provider, String image, boolean nat) {
        Matcher ecr = ECR_IMAGE.matcher(image);
        if (ecr.matches()) {
            // From ECR the execution role is granted the pulls from exactly this repository.
            String arn = "arn:aws:ecr:" + ecr.group(2) + ":" + ecr.group(1) + ":repository/" + ecr.group(3);
            var repository = Repository.fromRepositoryAttributes(scope, "Repository",
                    RepositoryAttributes.builder().repositoryArn(arn).repositoryName(ecr.group(3)).build());
            String tagOrDigest = ecr.group(4) != null ? ecr.group(4) : ecr.group(5) != null ? ecr.group(5) : "latest";
            return ContainerImage.fromEcrRepository(repository, tagOrDigest);
        }
        if (!nat) {
            Annotations.of(scope).addWarningV2("jetway:image-needs-internet", "providers." + provider + ".image "
                    + image + " is not in ECR, and aws.vpc.egress: endpoints gives the tasks no internet: the pull will "
                    + "fail. Copy it to ECR (or an ECR pull-through cache) or use egress: nat.");
        }
        return ContainerImage.fromRegistry(image);
    }

    private void addInterfaceEndpoints(EndpointNeeds needs) {
        Map<String, IInterfaceVpcEndpointService> services = new LinkedHashMap<>();
        services.put("EcrApi", InterfaceVpcEndpointAwsService.ECR);
        services.put("EcrDocker", InterfaceVpcEndpointAwsService.ECR_DOCKER);
        services.put("Logs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS);
        services.put("Ecs", InterfaceVpcEndpointAwsService.ECS);
        if (needs.secretsManager()) services.put("SecretsManager", InterfaceVpcEndpointAwsService.SECRETS_MANAGER);
        if (needs.eventBridge()) services.put("Events", InterfaceVpcEndpointAwsService.EVENTBRIDGE);
        if (needs.lambda()) services.put("Lambda", InterfaceVpcEndpointAwsService.LAMBDA);
        services.forEach((id, service) -> vpc.addInterfaceEndpoint(id, InterfaceVpcEndpointOptions.builder()
                .service(service).subnets(subnets).privateDnsEnabled(true).build()));
    }

    /** The task roles and execution roles the gateway passes to ECS when it runs a task. */
    List<IRole> passedRoles() {
        List<IRole> roles = new ArrayList<>();
        tasks.values().forEach(t -> {
            roles.add(t.definition().getTaskRole());
            roles.add(t.definition().obtainExecutionRole());
        });
        return roles;
    }

    /** Which interface endpoints the in-VPC functions and tasks need besides ECR, Logs and ECS. */
    record EndpointNeeds(boolean secretsManager, boolean eventBridge, boolean lambda) {}
}
