package dev.jetway.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.Match;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.eventschemas.CfnRegistry;
import software.amazon.awscdk.services.eventschemas.CfnSchema;
import software.amazon.awscdk.services.logs.CfnResourcePolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The custom bus the outbox publishes to, the registry of its event schemas, and an example rule
 * that archives every Jetway event (domain and telemetry) to a CloudWatch Logs audit group. Users
 * add their own rules on the same bus (see the README).
 */
final class EventBusAndSchemas extends Construct {

    final EventBus bus;
    final CfnRegistry registry;
    final LogGroup auditLogs;
    final Rule auditRule;

    EventBusAndSchemas(Construct scope, String id, String busName, RetentionDays auditRetention) {
        super(scope, id);
        bus = EventBus.Builder.create(this, "Bus").eventBusName(busName).build();

        registry = CfnRegistry.Builder.create(this, "Registry")
                .registryName(busName)
                .description("Jetway events: domain events (source jetway) and telemetry (source jetway.telemetry)")
                .build();
        for (EventBridgeSchemas.RegistrySchema schema : EventBridgeSchemas.all()) {
            CfnSchema.Builder.create(this, "Schema-" + schema.source() + "-" + schema.detailType())
                    .registryName(registry.getAttrRegistryName())
                    .schemaName(schema.name())
                    .type(EventBridgeSchemas.TYPE)
                    .description(schema.description())
                    .content(schema.content())
                    .build();
        }

        // EventBridge writes only to log groups named /aws/events/...; audit logs outlive the stack.
        auditLogs = LogGroup.Builder.create(this, "AuditLogs")
                .logGroupName("/aws/events/" + busName.replace('/', '-') + "-audit")
                .retention(auditRetention)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        auditRule = Rule.Builder.create(this, "AuditRule")
                .eventBus(bus)
                .description("Example sink: every Jetway event to the audit log group")
                .eventPattern(EventPattern.builder().source(Match.prefix("jetway")).build())
                .build();
        Stack stack = Stack.of(this);
        String groupArn = stack.formatArn(ArnComponents.builder().service("logs").resource("log-group")
                .resourceName(auditLogs.getLogGroupName()).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        ((CfnRule) auditRule.getNode().getDefaultChild()).setTargets(List.of(
                CfnRule.TargetProperty.builder().id("AuditLogs").arn(groupArn).build()));
        // The log group's resource policy lets EventBridge write to this group only; written here
        // directly, so no custom-resource function is needed (the CDK's log-group target adds one).
        CfnResourcePolicy.Builder.create(this, "AuditLogsPolicy")
                .policyName(stack.getStackName() + "-jetway-audit")
                .policyDocument(stack.toJsonString(Map.of(
                        "Version", "2012-10-17",
                        "Statement", List.of(Map.of(
                                "Effect", "Allow",
                                "Principal", Map.of("Service", List.of("events.amazonaws.com", "delivery.logs.amazonaws.com")),
                                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                "Resource", auditLogs.getLogGroupArn())))))
                .build();
    }
}
