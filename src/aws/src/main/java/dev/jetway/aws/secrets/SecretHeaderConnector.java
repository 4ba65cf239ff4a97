package dev.jetway.aws.secrets;

import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves the Secrets Manager references in a provider's headers, then connects with the
 * resolved headers. The resolved spec is handed to the next connector only, never stored or logged.
 */
public final class SecretHeaderConnector implements ProviderConnector {

    private final ProviderConnector next;
    private final SecretsManagerSecrets secrets;

    public SecretHeaderConnector(ProviderConnector next, SecretsManagerSecrets secrets) {
        this.next = next;
        this.secrets = secrets;
    }

    /**
     * Whether any provider's header references a secret (a client is needed only then).
     *
     * @throws IllegalArgumentException naming provider and header when a reference is malformed
     */
    public static boolean anyReferenced(Map<String, ProviderSpec> providers) {
        boolean any = false;
        for (Map.Entry<String, ProviderSpec> provider : providers.entrySet()) {
            for (Map.Entry<String, String> header : provider.getValue().headers().entrySet()) {
                try {
                    any |= !SecretReference.in(header.getValue()).isEmpty();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("providers." + provider.getKey() + ".headers." + header.getKey()
                            + ": " + e.getMessage(), e);
                }
            }
        }
        return any;
    }

    @Override
    public UpstreamSession connect(String name, ProviderSpec spec, UpstreamListener listener) {
        if (spec.headers().values().stream().allMatch(v -> SecretReference.in(v).isEmpty())) {
            return next.connect(name, spec, listener);
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        spec.headers().forEach((header, value) -> {
            try {
                resolved.put(header, SecretReference.substitute(value, secrets::value));
            } catch (SecretUnavailableException | IllegalArgumentException e) {
                throw new ProviderUnavailableException(name, "header '" + header + "': " + e.getMessage(), e);
            }
        });
        return next.connect(name, new ProviderSpec(spec.mode(), spec.command(), spec.url(), spec.image(), spec.env(),
                resolved, spec.idleTtlSeconds(), spec.healthCheckIntervalSeconds(), spec.maxConsecutiveFailures(),
                spec.tools(), spec.group()), listener);
    }
}
