package dev.jetway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Container providers: the VPC, the cluster, one task definition each, and how the gateway reaches them. */
class ContainerStackTest {

    final Template nat = Synth.of(Configs.CONTAINERS_NAT).template();

    @Test
    void oneFargateTaskDefinitionPerContainerProviderWithItsSizeEnvSecretsReadOnlyRootAndAwslogs() {
        nat.resourceCountIs("AWS::ECS::Cluster", 1);
        nat.resourceCountIs("AWS::ECS::TaskDefinition", 2);
        nat.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "Family", "jetway-fetch", "Cpu", "512", "Memory", "1024",
                "RequiresCompatibilities", List.of("FARGATE"), "NetworkMode", "awsvpc",
                "RuntimePlatform", Map.of("CpuArchitecture", "X86_64", "OperatingSystemFamily", "LINUX"),
                "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                        "Name", "mcp", "Image", "mcp/fetch:latest", "ReadonlyRootFilesystem", true,
                        "Environment", List.of(Map.of("Name", "LOG_LEVEL", "Value", "info")),
                        "PortMappings", List.of(Match.objectLike(Map.of("ContainerPort", 8000))),
                        "MountPoints", List.of(Map.of("ContainerPath", "/tmp", "ReadOnly", false, "SourceVolume", "tmp")),
                        "LogConfiguration", Match.objectLike(Map.of("LogDriver", "awslogs")))))));
        nat.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "Family", "jetway-search", "Cpu", "256", "Memory", "512",
                "RuntimePlatform", Map.of("CpuArchitecture", "ARM64", "OperatingSystemFamily", "LINUX"),
                "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                        "Secrets", List.of(Map.of("Name", "API_KEY", "ValueFrom", Match.anyValue())))))));
    }

    @Test
    void natEgressHasOneNatGatewayAndPrivateSubnetsForTheFunctionsInTheVpc() {
        nat.resourceCountIs("AWS::EC2::VPC", 1);
        nat.resourceCountIs("AWS::EC2::NatGateway", 1);
        nat.resourceCountIs("AWS::EC2::VPCEndpoint", 2);
        nat.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.jetway.functions.GatewayHandler::handleRequest", "VpcConfig", Match.anyValue()));
        nat.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.jetway.functions.HealthCheckHandler::handleRequest", "VpcConfig", Match.anyValue()));
        nat.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.jetway.functions.FanOutHandler::handleRequest", "VpcConfig", Match.absent()));
    }

    @Test
    void tasksAdmitTheirPortsFromTheFunctionSecurityGroupOnly() {
        nat.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", "Jetway container providers: MCP port from the gateway functions only",
                "SecurityGroupIngress", List.of(
                        Map.of("IpProtocol", "tcp", "FromPort", 8000, "ToPort", 8000, "Description", "MCP from the Jetway functions",
                                "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ContainersFunctionSg.*"), "GroupId"))),
                        Map.of("IpProtocol", "tcp", "FromPort", 8080, "ToPort", 8080, "Description", "MCP from the Jetway functions",
                                "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ContainersFunctionSg.*"), "GroupId"))))));
    }

    @Test
    void ecsTaskStateChangesOfTheClusterGoToTheEcsTaskStateHandler() {
        nat.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of("source", List.of("aws.ecs"), "detail-type", List.of("ECS Task State Change"),
                        "detail", Map.of("clusterArn", List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ContainersCluster.*"), "Arn")))
                                , "lastStatus", List.of("RUNNING", "STOPPED"))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", Match.stringLikeRegexp("EcsTaskStateAlias.*")))))));
    }

    @Test
    void theGatewayLearnsClusterSubnetsSecurityGroupAndTasksFromItsEnvironment() {
        nat.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.jetway.functions.GatewayHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "JETWAY_ECS_CLUSTER", Match.anyValue(), "JETWAY_ECS_SUBNETS", Match.anyValue(),
                        "JETWAY_ECS_SECURITY_GROUPS", Match.anyValue(), "JETWAY_ECS_TASK_DEFINITIONS", Match.anyValue(),
                        "JETWAY_ECS_CONTAINER_NAME", "mcp",
                        "JETWAY_ECS_ENDPOINTS", Match.stringLikeRegexp("fetch=8000/mcp,search=8080/mcp|search=8080/mcp,fetch=8000/mcp"))))));
    }

    @Test
    void endpointsEgressHasNoNatNoInternetAndTheInterfaceEndpointsTasksAndFunctionsNeed() {
        Template endpoints = Synth.of(Configs.CONTAINERS_ENDPOINTS).template();
        endpoints.resourceCountIs("AWS::EC2::NatGateway", 0);
        endpoints.resourceCountIs("AWS::EC2::InternetGateway", 0);
        Map<String, Map<String, Object>> vpce = Templates.ofType(endpoints, "AWS::EC2::VPCEndpoint");
        assertThat(vpce.values().stream().map(e -> String.valueOf(e.get("ServiceName"))).toList())
                .as("gateway endpoints for DynamoDB and S3, interface endpoints for ECR (api, dkr), Logs, ECS")
                .hasSize(6)
                .anyMatch(n -> n.contains("ecr.api")).anyMatch(n -> n.contains("ecr.dkr"))
                .anyMatch(n -> n.contains(".logs")).anyMatch(n -> n.contains(".ecs"))
                .anyMatch(n -> n.contains("dynamodb")).anyMatch(n -> n.contains("s3"));
    }

    @Test
    void anImageOutsideEcrWithEndpointsEgressIsAWarningThatThePullWillFail() {
        var stack = Synth.of(Configs.CONTAINERS_ENDPOINTS.replace(
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mcp-search:1.2", "mcp/search:1")).stack();
        Annotations.fromStack(stack).hasWarning("*", Match.stringLikeRegexp(".*not in ECR.*egress: nat.*"));
    }

    @Test
    void theResourceCountsByTypeAreStable() {
        Map<String, Integer> counts = Templates.countByType(nat);
        assertThat(counts).containsEntry("AWS::Lambda::Function", 5).containsEntry("AWS::ECS::TaskDefinition", 2)
                .containsEntry("AWS::EC2::VPC", 1).containsEntry("AWS::EC2::NatGateway", 1)
                .containsEntry("AWS::EC2::Subnet", 4).containsEntry("AWS::EC2::SecurityGroup", 2)
                .containsEntry("AWS::IAM::Role", 11).containsEntry("AWS::Logs::LogGroup", 8)
                .containsEntry("AWS::Events::Rule", 2).containsEntry("AWS::Lambda::Permission", 2);
    }
}
