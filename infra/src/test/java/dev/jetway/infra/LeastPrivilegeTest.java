package dev.jetway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

/**
 * No role gets a {@code *} resource on an action AWS lets us scope. The list of exceptions is the
 * actions whose service authorization reference names no resource type: they can only be granted on
 * {@code *}.
 */
class LeastPrivilegeTest {

    /** Actions that support no resource-level permissions. */
    static final Set<String> UNSCOPABLE = Set.of(
            "dynamodb:ListStreams",          // the stream event source lists the table's streams
            "ecr:GetAuthorizationToken",     // task execution role: the registry login token
            "xray:PutTraceSegments", "xray:PutTelemetryRecords",
            "cloudwatch:PutMetricData");      // EMF needs none of it; listed because AWS offers no scoping

    static final Set<String> ALLOWED_MANAGED_POLICIES = Set.of("service-role/AWSLambdaVPCAccessExecutionRole");

    static Template template(String name) {
        return Synth.of(switch (name) {
            case "serverless" -> Configs.SERVERLESS;
            case "nat" -> Configs.CONTAINERS_NAT;
            default -> Configs.CONTAINERS_ENDPOINTS;
        }).template();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serverless", "nat", "endpoints"})
    void noStatementGrantsAScopableActionOnEveryResource(String config) {
        for (Map.Entry<String, Map<String, Object>> s : Templates.statements(template(config))) {
            List<String> resources = Templates.asList(s.getValue().get("Resource"));
            if (!resources.contains("*")) continue;
            assertThat(Templates.asList(s.getValue().get("Action")))
                    .as("%s grants %s on *", s.getKey(), s.getValue().get("Action"))
                    .allMatch(UNSCOPABLE::contains);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"serverless", "nat", "endpoints"})
    void noStatementUsesAnActionWildcard(String config) {
        for (Map.Entry<String, Map<String, Object>> s : Templates.statements(template(config))) {
            assertThat(Templates.asList(s.getValue().get("Action"))).as("%s", s.getKey()).noneMatch(a -> a.contains("*"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"serverless", "nat", "endpoints"})
    void rolesCarryNoManagedPolicyButLambdasVpcAccessPolicy(String config) {
        Templates.ofType(template(config), "AWS::IAM::Role").forEach((id, role) -> {
            Object managed = role.get("ManagedPolicyArns");
            if (managed == null) return;
            assertThat(managed.toString()).as(id).contains(ALLOWED_MANAGED_POLICIES.iterator().next());
            assertThat(id).as("only the in-VPC functions need the ENI policy").matches("(Gateway|HealthCheck)Role.*");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"serverless", "nat"})
    void eachSensitiveActionIsGrantedOnItsOneResourceOnly(String config) {
        for (Map.Entry<String, Map<String, Object>> s : Templates.statements(template(config))) {
            List<String> actions = Templates.asList(s.getValue().get("Action"));
            String resource = String.valueOf(s.getValue().get("Resource"));
            if (actions.contains("events:PutEvents")) assertThat(resource).as(s.getKey()).contains("EventBus");
            if (actions.contains("sqs:SendMessage")) assertThat(resource).as(s.getKey()).contains("FanOutDlq");
            if (actions.stream().anyMatch(a -> a.startsWith("dynamodb:") && !a.equals("dynamodb:ListStreams"))) {
                assertThat(resource).as(s.getKey()).contains("Events").doesNotContain("*");
            }
            if (actions.contains("ecs:RunTask")) {
                assertThat(resource).as(s.getKey()).contains("ContainersProvider").doesNotContain("*");
                assertThat(String.valueOf(s.getValue().get("Condition"))).contains("ecs:cluster");
            }
            if (actions.contains("iam:PassRole")) {
                assertThat(resource).as(s.getKey()).contains("ContainersProvider").doesNotContain("*");
                assertThat(String.valueOf(s.getValue().get("Condition"))).contains("ecs-tasks.amazonaws.com");
            }
            if (actions.contains("ecs:StopTask") || actions.contains("ecs:DescribeTasks")) {
                assertThat(resource).as(s.getKey()).contains(":task/");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"serverless", "nat"})
    void onlyTheFanOutPublishesToTheBusAndWritesToTheDlq(String config) {
        for (Map.Entry<String, Map<String, Object>> s : Templates.statements(template(config))) {
            List<String> actions = Templates.asList(s.getValue().get("Action"));
            if (actions.contains("events:PutEvents") || actions.contains("sqs:SendMessage")) {
                assertThat(s.getKey()).startsWith("FanOutRole");
            }
        }
    }
}
