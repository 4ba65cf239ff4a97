package dev.jetway.core.upstream;

import dev.jetway.core.domain.provider.ProviderSpec;

/**
 * Opens an MCP session with a provider: launches what must be launched, then runs the initialize
 * handshake. One implementation per way of reaching a provider (stdio child, Streamable HTTP, ...).
 */
public interface ProviderConnector {

    /**
     * @param providerListener gets what the provider sends that belongs to no request of ours
     * @throws ProviderUnavailableException when the provider cannot be started or initialized
     */
    UpstreamSession connect(String providerName, ProviderSpec spec, UpstreamListener providerListener);
}
