package dev.jetway.core.upstream;

import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/** Reaches {@code remote} providers over Streamable HTTP (session era) with the JDK's client. */
public final class StreamableHttpConnector implements ProviderConnector {

    private final HttpClient http;
    private final Duration startTimeout;

    public StreamableHttpConnector(Duration startTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.startTimeout = startTimeout;
    }

    @Override
    public UpstreamSession connect(String name, ProviderSpec spec, UpstreamListener providerListener) {
        if (spec.mode() != ProviderMode.REMOTE) {
            throw new ProviderUnavailableException(name, "mode " + spec.mode().wireName() + " is not remote");
        }
        URI url;
        try {
            url = URI.create(spec.url());
        } catch (IllegalArgumentException e) {
            throw new ProviderUnavailableException(name, "url '" + spec.url() + "' is not a URI", e);
        }
        return StreamableHttpSession.open(name, http, url, spec.headers(), providerListener, startTimeout);
    }
}
