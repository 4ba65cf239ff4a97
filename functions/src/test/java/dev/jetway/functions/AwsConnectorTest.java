package dev.jetway.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jetway.core.domain.provider.ProviderMode;
import dev.jetway.core.domain.provider.ProviderSpec;
import dev.jetway.core.upstream.ProviderConnector;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AwsConnectorTest {

    final List<String> calls = new CopyOnWriteArrayList<>();

    ProviderConnector recording(String kind) {
        return (name, spec, listener) -> {
            calls.add(kind + ":" + name);
            throw new ProviderUnavailableException(name, "recorded");
        };
    }

    final AwsConnector connector = new AwsConnector(recording("remote"), recording("lambda"));

    @Test
    void remoteAndLambdaProvidersGoToTheirConnectors() {
        ProviderSpec function = new ProviderSpec(ProviderMode.LAMBDA, null, "mcp-weather", null, null, null, 0, 0, 0, null, null);

        assertThatThrownBy(() -> connector.connect("web", ProviderSpec.remote("https://example.com/mcp"), UpstreamListener.NONE));
        assertThatThrownBy(() -> connector.connect("weather", function, UpstreamListener.NONE));

        assertThat(calls).containsExactly("remote:web", "lambda:weather");
    }

    @Test
    void aSubprocessProviderIsRefusedWithTheReasonAndTheModesThatWork() {
        assertThatThrownBy(() -> connector.connect("everything", ProviderSpec.subprocess("node", "server.js"), UpstreamListener.NONE))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("provider 'everything'")
                .hasMessageContaining("cannot run on AWS Lambda").hasMessageContaining("use mode remote, lambda or container");
        assertThat(calls).isEmpty();
    }
}
