package dev.jetway.core.upstream;

import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.security.ForbiddenDestinationException;
import dev.jetway.core.security.RemoteDestinationGuard;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Reaches {@code remote} providers over Streamable HTTP (session era) with the JDK's client. It never
 * follows redirects; with a destination check (see {@link RemoteDestinationGuard}) it refuses URLs
 * that point at loopback, link-local or private addresses before it connects, and its sessions ask
 * the check's {@link RemoteDestinationGuard.Approval} again before every request. With {@link
 * TraceContextHeaders}, each request also carries the trace context current when it is sent.
 */
public final class StreamableHttpConnector implements ProviderConnector {

    private final HttpClient http;
    private final Duration startTimeout;
    private final RemoteDestinationGuard.Check destinations;
    private final TraceContextHeaders traceContext;

    /** A connector that connects wherever a provider's URL points (tests, trusted configs). */
    public StreamableHttpConnector(Duration startTimeout) {
        this(startTimeout, RemoteDestinationGuard.Check.NONE);
    }

    public StreamableHttpConnector(Duration startTimeout, RemoteDestinationGuard.Check destinations) {
        this(startTimeout, destinations, TraceContextHeaders.NONE);
    }

    /** @param traceContext asked on every request sent; it may add only trace headers, never a configured one */
    public StreamableHttpConnector(Duration startTimeout, RemoteDestinationGuard.Check destinations,
                                   TraceContextHeaders traceContext) {
        this.destinations = destinations;
        this.traceContext = traceContext;
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
        RemoteDestinationGuard.Approval approval;
        try {
            approval = destinations.check(name, url);
        } catch (ForbiddenDestinationException e) {
            throw new ProviderUnavailableException(name, e.getMessage(), e);
        }
        return StreamableHttpSession.open(name, http, url, spec.headers(), approval, traceContext, providerListener,
                startTimeout);
    }
}
