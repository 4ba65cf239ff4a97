package dev.jetway.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One Jetway function: java21 on ARM64 (Graviton: about 20% cheaper per GB-second than x86 and as
 * fast for this code), SnapStart on published versions, invoked through its {@code live} alias (the
 * published version SnapStart applies to), its own role with no managed policy (logs only to its own
 * log group; everything else granted by the stack) and its own log group with a retention. Active X-Ray tracing; the ADOT collector layer
 * receives the function's spans on localhost and sends them to X-Ray.
 */
final class JetwayFunction extends Construct {

    static final String ALIAS = "live";

    /** What differs between the functions. */
    record Spec(String id, String handlerClass, int memoryMib, Duration timeout, String description) {
        String handler() {
            return "dev.jetway.functions." + handlerClass + "::handleRequest";
        }
    }

    /** Where a function attached to the VPC runs. */
    record VpcPlacement(IVpc vpc, SubnetSelection subnets, ISecurityGroup securityGroup) {}

    final Role role;
    final Function function;
    final Alias alias;

    JetwayFunction(Construct scope, Spec spec, Code code, List<ILayerVersion> layers, Map<String, String> environment,
                   RetentionDays retention, VpcPlacement placement) {
        super(scope, spec.id());
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Jetway " + spec.handlerClass() + ": only what this function calls")
                .build();
        if (placement != null) {
            // Lambda creates and deletes the function's network interfaces with the execution role;
            // ec2:Describe* cannot be scoped, so this is AWS's managed policy for exactly that.
            role.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaVPCAccessExecutionRole"));
        }
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(retention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        logs.grantWrite(role);
        Function.Builder builder = Function.Builder.create(this, "Function")
                .description(spec.description())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler())
                .code(code)
                .layers(layers)
                .memorySize(spec.memoryMib())
                .timeout(spec.timeout())
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                // Lambda starts the trace (and samples it); the function's spans continue it.
                .tracing(Tracing.ACTIVE)
                .environment(environment)
                .role(role)
                .logGroup(logs);
        if (placement != null) {
            builder.vpc(placement.vpc()).vpcSubnets(placement.subnets())
                    .securityGroups(List.of(placement.securityGroup()));
        }
        function = builder.build();
        alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }
}
