package dev.jetway.core.config;

import dev.jetway.core.domain.provider.ProviderSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A loaded configuration: the gateway settings, the providers by name (in file order), telemetry,
 * and the {@code aws:} section the deployment reads.
 * Provider names are what clients see in front of every tool, so they are restricted to
 * letters, digits, '-' and '_' (no '+', which separates provider and URI in resource URIs).
 */
public record GatewayConfig(GatewaySettings settings, Map<String, ProviderSpec> providers, TelemetrySettings telemetry,
                            AwsSettings aws) {

    public static final Pattern PROVIDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public GatewayConfig {
        Objects.requireNonNull(settings, "settings");
        telemetry = telemetry == null ? TelemetrySettings.defaults() : telemetry;
        aws = aws == null ? AwsSettings.defaults() : aws;
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        for (String name : providers.keySet()) {
            if (!PROVIDER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("provider name '" + name
                        + "' must match " + PROVIDER_NAME.pattern());
            }
        }
    }

    /** With the default AWS settings. */
    public GatewayConfig(GatewaySettings settings, Map<String, ProviderSpec> providers, TelemetrySettings telemetry) {
        this(settings, providers, telemetry, AwsSettings.defaults());
    }

    /** With the default telemetry settings. */
    public GatewayConfig(GatewaySettings settings, Map<String, ProviderSpec> providers) {
        this(settings, providers, TelemetrySettings.defaults());
    }
}
