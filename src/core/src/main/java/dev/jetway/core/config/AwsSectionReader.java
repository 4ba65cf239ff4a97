package dev.jetway.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the {@code aws:} section for {@link ConfigLoader}, with its strictness and error messages. */
final class AwsSectionReader {

    static final Set<String> AWS_KEYS = Set.of("event_bus", "jwt", "vpc", "log_retention_days",
            "audit_log_retention_days", "containers");
    private static final Set<String> JWT_KEYS = Set.of("issuer", "audience");
    private static final Set<String> VPC_KEYS = Set.of("egress", "max_azs", "nat_gateways");
    private static final Set<String> CONTAINER_KEYS = Set.of("cpu", "memory", "port", "path", "architecture", "secrets");

    private final ConfigLoader loader;
    private final String source;

    AwsSectionReader(ConfigLoader loader, String source) {
        this.loader = loader;
        this.source = source;
    }

    AwsSettings read(ObjectNode node, Map<String, ProviderSpec> providers) {
        loader.rejectUnknown(node, "aws", AWS_KEYS);
        AwsSettings d = AwsSettings.defaults();
        AwsSettings.Jwt jwt = node.hasNonNull("jwt") ? jwt(loader.object(node.get("jwt"), "aws.jwt")) : null;
        AwsSettings.Vpc vpc = node.hasNonNull("vpc") ? vpc(loader.object(node.get("vpc"), "aws.vpc")) : d.vpc();
        Map<String, AwsSettings.Container> containers = new LinkedHashMap<>();
        if (node.hasNonNull("containers")) {
            ObjectNode map = loader.object(node.get("containers"), "aws.containers");
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "aws.containers." + e.getKey();
                ProviderSpec provider = providers.get(e.getKey());
                if (provider == null || provider.mode() != ProviderMode.CONTAINER) {
                    throw new ConfigException(source, path, "names no container provider; entries here give the "
                            + "task settings of a provider with 'mode: container' of the same file"
                            + (provider == null ? "" : " (this one's mode is " + provider.mode().wireName() + ")"));
                }
                containers.put(e.getKey(), container(loader.object(e.getValue(), path), path));
            }
        }
        try {
            return new AwsSettings(
                    loader.text(node, "aws", "event_bus", d.eventBus()),
                    jwt, vpc,
                    (int) loader.number(node, "aws", "log_retention_days", d.logRetentionDays()),
                    (int) loader.number(node, "aws", "audit_log_retention_days", d.auditLogRetentionDays()),
                    containers);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, "aws", e.getMessage(), e);
        }
    }

    private AwsSettings.Jwt jwt(ObjectNode node) {
        loader.rejectUnknown(node, "aws.jwt", JWT_KEYS);
        String issuer = loader.text(node, "aws.jwt", "issuer", null);
        if (issuer == null) throw new ConfigException(source, "aws.jwt.issuer", "missing; the token issuer's https URL");
        List<String> audience;
        JsonNode audienceNode = node.get("audience");
        if (audienceNode != null && audienceNode.isTextual()) audience = List.of(audienceNode.asText());
        else audience = loader.strings(node, "aws.jwt", "audience", null);
        if (audience == null) {
            throw new ConfigException(source, "aws.jwt.audience", "missing; the audience (or list of them) tokens must carry");
        }
        try {
            return new AwsSettings.Jwt(issuer, audience);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, "aws.jwt", e.getMessage(), e);
        }
    }

    private AwsSettings.Vpc vpc(ObjectNode node) {
        loader.rejectUnknown(node, "aws.vpc", VPC_KEYS);
        AwsSettings.Vpc d = AwsSettings.Vpc.defaults();
        String egressText = loader.text(node, "aws.vpc", "egress", d.egress().wireName());
        AwsSettings.Egress egress;
        try {
            egress = AwsSettings.Egress.valueOf(egressText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, "aws.vpc.egress", "expected nat or endpoints but was '" + egressText + "'", e);
        }
        try {
            return new AwsSettings.Vpc(egress,
                    (int) loader.number(node, "aws.vpc", "max_azs", d.maxAzs()),
                    (int) loader.number(node, "aws.vpc", "nat_gateways", d.natGateways()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, "aws.vpc", e.getMessage(), e);
        }
    }

    private AwsSettings.Container container(ObjectNode node, String path) {
        loader.rejectUnknown(node, path, CONTAINER_KEYS);
        AwsSettings.Container d = AwsSettings.Container.defaults();
        String architecture = loader.text(node, path, "architecture", "x86_64");
        if (!architecture.equals("x86_64") && !architecture.equals("arm64")) {
            throw new ConfigException(source, path + ".architecture", "expected x86_64 or arm64 but was '" + architecture + "'");
        }
        Map<String, String> secrets = loader.stringMap(node, path, "secrets");
        try {
            return new AwsSettings.Container(
                    (int) loader.number(node, path, "cpu", d.cpu()),
                    (int) loader.number(node, path, "memory", d.memoryMib()),
                    (int) loader.number(node, path, "port", d.port()),
                    loader.text(node, path, "path", d.path()),
                    architecture.equals("arm64"),
                    secrets == null ? Map.of() : secrets);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, path, e.getMessage(), e);
        }
    }
}
