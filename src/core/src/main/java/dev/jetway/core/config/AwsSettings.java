package dev.jetway.core.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code aws:} section: how {@code make deploy} shapes the AWS resources around the gateway. The
 * gateway itself never reads it; the CDK app does, from the same file, so that one file describes a
 * deployment. Absent means the defaults below.
 *
 * @param eventBus name of the custom EventBridge bus the outbox publishes to (default {@value #DEFAULT_EVENT_BUS})
 * @param jwt the JWT authorizer in front of {@code /mcp}, or null for none
 * @param vpc how the gateway reaches container providers; only used when there is one
 * @param logRetentionDays how long the functions' and tasks' logs are kept
 * @param auditLogRetentionDays how long the audit log group keeps every event of the bus
 * @param containers task settings per {@code container} provider, by provider name; a container
 *     provider without an entry gets {@link Container#defaults()}
 */
public record AwsSettings(
        String eventBus,
        Jwt jwt,
        Vpc vpc,
        int logRetentionDays,
        int auditLogRetentionDays,
        Map<String, Container> containers) {

    public static final String DEFAULT_EVENT_BUS = "jetway";
    /** The retention periods CloudWatch Logs accepts. */
    public static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final Pattern BUS_NAME = Pattern.compile("[A-Za-z0-9._\\-/]{1,256}");

    public AwsSettings {
        Objects.requireNonNull(eventBus, "eventBus");
        if (!BUS_NAME.matcher(eventBus).matches() || eventBus.equals("default")) {
            throw new IllegalArgumentException("event_bus must be 1-256 of letters, digits, . _ - / and not 'default'");
        }
        Objects.requireNonNull(vpc, "vpc");
        requireRetention(logRetentionDays, "log_retention_days");
        requireRetention(auditLogRetentionDays, "audit_log_retention_days");
        containers = Map.copyOf(containers);
    }

    /** Bus {@value #DEFAULT_EVENT_BUS}, no authorizer, NAT egress over 2 AZs, logs kept 30 days. */
    public static AwsSettings defaults() {
        return new AwsSettings(DEFAULT_EVENT_BUS, null, Vpc.defaults(), 30, 30, Map.of());
    }

    /** The task settings of a container provider: its own entry, else the defaults. */
    public Container container(String provider) {
        return containers.getOrDefault(provider, Container.defaults());
    }

    private static void requireRetention(int days, String key) {
        if (!RETENTION_DAYS.contains(days)) {
            throw new IllegalArgumentException(key + " must be one of the periods CloudWatch Logs accepts: "
                    + RETENTION_DAYS.stream().sorted().toList());
        }
    }

    /**
     * API Gateway's JWT authorizer: tokens must be signed by a key of the issuer's JWKS (found via
     * its OpenID discovery document), unexpired, and carry one of the audiences in {@code aud} (or
     * {@code client_id}).
     */
    public record Jwt(String issuer, List<String> audience) {
        public Jwt {
            Objects.requireNonNull(issuer, "issuer");
            URI uri;
            try {
                uri = URI.create(issuer);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("jwt.issuer is not a URL: " + issuer, e);
            }
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("jwt.issuer must be an https URL (API Gateway fetches "
                        + "<issuer>/.well-known/openid-configuration), e.g. https://cognito-idp.<region>.amazonaws.com/<pool id>");
            }
            audience = List.copyOf(audience);
            if (audience.isEmpty() || audience.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("jwt.audience must list at least one non-empty audience");
            }
        }
    }

    /** How the private subnets of the gateway and the tasks reach AWS APIs and the internet. */
    public enum Egress {
        /** NAT gateways: AWS APIs, public images and remote providers on the internet all work. */
        NAT,
        /** Interface and gateway VPC endpoints only: no internet at all; images must come from ECR. */
        ENDPOINTS;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param egress {@code nat} (default) or {@code endpoints}
     * @param maxAzs availability zones the subnets span (2 by default)
     * @param natGateways NAT gateways with {@code nat} egress (1 by default: cheaper, but one AZ's
     *     outage cuts egress; set it to {@code max_azs} for one per AZ)
     */
    public record Vpc(Egress egress, int maxAzs, int natGateways) {
        public Vpc {
            Objects.requireNonNull(egress, "egress");
            if (maxAzs < 1 || maxAzs > 6) throw new IllegalArgumentException("vpc.max_azs must be from 1 to 6");
            if (natGateways < 1 || natGateways > maxAzs) {
                throw new IllegalArgumentException("vpc.nat_gateways must be from 1 to max_azs (" + maxAzs + ")");
            }
        }

        public static Vpc defaults() {
            return new Vpc(Egress.NAT, 2, 1);
        }
    }

    /** Fargate CPU units and the memory sizes (MiB) each allows. */
    private static final Map<Integer, int[]> FARGATE_MEMORY = Map.of(
            256, new int[] {512, 1024, 2048},
            512, new int[] {1024, 2048, 3072, 4096},
            1024, new int[] {2048, 3072, 4096, 5120, 6144, 7168, 8192},
            2048, range(4096, 16384, 1024),
            4096, range(8192, 30720, 1024),
            8192, range(16384, 61440, 4096),
            16384, range(32768, 122880, 8192));

    private static int[] range(int from, int to, int step) {
        int[] values = new int[(to - from) / step + 1];
        for (int i = 0; i < values.length; i++) values[i] = from + i * step;
        return values;
    }

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * One Fargate task definition.
     *
     * @param cpu CPU units (256 = 0.25 vCPU)
     * @param memoryMib memory; must be a size Fargate allows for {@code cpu}
     * @param port the port the container serves Streamable HTTP on
     * @param path the MCP endpoint's path in the container
     * @param arm64 run on Graviton (the image must have an arm64 variant); x86_64 otherwise
     * @param secrets environment variable → Secrets Manager secret name or ARN, with an optional
     *     {@code #json_key}; injected by ECS at start, never in the task definition's plain text
     */
    public record Container(int cpu, int memoryMib, int port, String path, boolean arm64, Map<String, String> secrets) {

        public Container {
            int[] allowed = FARGATE_MEMORY.get(cpu);
            if (allowed == null) {
                throw new IllegalArgumentException("cpu must be one of the Fargate sizes "
                        + FARGATE_MEMORY.keySet().stream().sorted().toList() + " but was " + cpu);
            }
            if (java.util.Arrays.stream(allowed).noneMatch(m -> m == memoryMib)) {
                throw new IllegalArgumentException("memory " + memoryMib + " is not a size Fargate allows with cpu "
                        + cpu + "; allowed: from " + allowed[0] + " to " + allowed[allowed.length - 1]
                        + (allowed.length > 1 ? " in steps of " + (allowed[allowed.length - 1] - allowed[allowed.length - 2]) : ""));
            }
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be from 1 to 65535");
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) throw new IllegalArgumentException("path must start with '/'");
            secrets = Map.copyOf(secrets);
            for (Map.Entry<String, String> s : secrets.entrySet()) {
                if (!ENV_NAME.matcher(s.getKey()).matches()) {
                    throw new IllegalArgumentException("secrets key '" + s.getKey() + "' is not an environment variable name");
                }
                if (s.getValue().isBlank() || s.getValue().startsWith("#") || s.getValue().endsWith("#")) {
                    throw new IllegalArgumentException("secrets." + s.getKey()
                            + " must be a secret name or ARN, optionally followed by #json_key");
                }
            }
        }

        /** 0.25 vCPU, 512 MiB, port 8080, path /mcp, x86_64, no secrets. */
        public static Container defaults() {
            return new Container(256, 512, 8080, "/mcp", false, Map.of());
        }

        /** The secret's name or ARN of a {@link #secrets()} value. */
        public static String secretId(String reference) {
            int hash = reference.lastIndexOf('#');
            return hash < 0 ? reference : reference.substring(0, hash);
        }

        /** The JSON key of a {@link #secrets()} value, or null for the whole secret. */
        public static String secretJsonKey(String reference) {
            int hash = reference.lastIndexOf('#');
            return hash < 0 ? null : reference.substring(hash + 1);
        }
    }
}
