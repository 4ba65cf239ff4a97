package dev.jetway.core.config;

import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.security.SecuritySettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A loaded configuration: the gateway settings, the providers by name (in file order), telemetry,
 * the security settings and the {@code aws:} section the deployment reads.
 * Provider names are what clients see in front of every tool, so they are restricted to
 * letters, digits, '-' and '_' (no '+', which separates provider and URI in resource URIs).
 */
public record GatewayConfig(GatewaySettings settings, Map<String, ProviderSpec> providers, TelemetrySettings telemetry,
                            SecuritySettings security, AwsSettings aws) {

    public static final Pattern PROVIDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public GatewayConfig {
        Objects.requireNonNull(settings, "settings");
        telemetry = telemetry == null ? TelemetrySettings.defaults() : telemetry;
        security = security == null ? SecuritySettings.defaults() : security;
        aws = aws == null ? AwsSettings.defaults() : aws;
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        for (String name : providers.keySet()) {
            if (!PROVIDER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("provider name '" + name
                        + "' must match " + PROVIDER_NAME.pattern());
            }
            settings.requireUnambiguous(name);
        }
    }

    /** With the default security and AWS settings. */
    public GatewayConfig(GatewaySettings settings, Map<String, ProviderSpec> providers, TelemetrySettings telemetry) {
        this(settings, providers, telemetry, SecuritySettings.defaults(), AwsSettings.defaults());
    }

    /** With the default AWS settings. */
    public GatewayConfig(GatewaySettings settings, Map<String, ProviderSpec> providers, TelemetrySettings telemetry,
                         SecuritySettings security) {
        this(settings, providers, telemetry, security, AwsSettings.defaults());
    }

    /** With the default telemetry, security and AWS settings. */
    public GatewayConfig(GatewaySettings settings, Map<String, ProviderSpec> providers) {
        this(settings, providers, TelemetrySettings.defaults(), SecuritySettings.defaults());
    }

    public GatewayConfig withSecurity(SecuritySettings securitySettings) {
        return new GatewayConfig(settings, providers, telemetry, securitySettings, aws);
    }
}
