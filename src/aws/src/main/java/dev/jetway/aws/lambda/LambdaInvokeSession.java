package dev.jetway.aws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.json.Json;
import dev.jetway.core.upstream.McpClientHandshake;
import dev.jetway.core.upstream.ProviderUnavailableException;
import dev.jetway.core.upstream.UpstreamErrorException;
import dev.jetway.core.upstream.UpstreamListener;
import dev.jetway.core.upstream.UpstreamSession;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * An MCP session with a function: every request is one synchronous invocation whose payload is
 * the JSON-RPC request and whose result is the JSON-RPC response; notifications are asynchronous
 * invocations. A function holds no stream, so nothing arrives outside a response.
 */
final class LambdaInvokeSession implements UpstreamSession {

    private final String provider;
    private final LambdaClient lambda;
    private final FunctionTarget target;
    private final AtomicLong ids = new AtomicLong();
    private volatile ObjectNode initializeResult;
    private volatile boolean open = true;

    private LambdaInvokeSession(String provider, LambdaClient lambda, FunctionTarget target) {
        this.provider = provider;
        this.lambda = lambda;
        this.target = target;
    }

    static LambdaInvokeSession open(String provider, LambdaClient lambda, FunctionTarget target, Duration timeout) {
        LambdaInvokeSession session = new LambdaInvokeSession(provider, lambda, target);
        session.initializeResult = session.request("initialize", McpClientHandshake.initializeParams(),
                UpstreamListener.NONE, timeout);
        session.notify("notifications/initialized", null);
        return session;
    }

    @Override
    public ObjectNode request(String method, ObjectNode params, UpstreamListener listener, Duration timeout) {
        if (!open) throw new ProviderUnavailableException(provider, "its session has ended");
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("id", "jw-" + ids.incrementAndGet())
                .put("method", method);
        if (params != null) message.set("params", params);
        InvokeResponse response = invoke(message, InvocationType.REQUEST_RESPONSE, timeout);
        String payload = response.payload() == null ? "" : response.payload().asUtf8String();
        if (response.functionError() != null) {
            JsonNode error = parseOrNull(payload);
            String detail = error == null ? payload : error.path("errorType").asText("") + ": " + error.path("errorMessage").asText("");
            throw new ProviderUnavailableException(provider, "function " + target + " failed (" + response.functionError()
                    + ") on " + method + ": " + abbreviate(detail));
        }
        if (!(parseOrNull(payload) instanceof ObjectNode answer) || !(answer.has("result") || answer.has("error"))) {
            throw new ProviderUnavailableException(provider, "function " + target + " answered " + method
                    + " without a JSON-RPC response: " + abbreviate(payload));
        }
        if (answer.get("error") instanceof ObjectNode error) throw new UpstreamErrorException(provider, error);
        return answer.get("result") instanceof ObjectNode result ? result : Json.object();
    }

    @Override
    public void notify(String method, ObjectNode params) {
        ObjectNode message = Json.object().put("jsonrpc", "2.0").put("method", method);
        if (params != null) message.set("params", params);
        try {
            invoke(message, InvocationType.EVENT, Duration.ofSeconds(10));
        } catch (ProviderUnavailableException e) {
            // A lost notification fails nothing; the next request reports a function that is really gone.
        }
    }

    @Override
    public ObjectNode initializeResult() {
        return initializeResult.deepCopy();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    private InvokeResponse invoke(ObjectNode message, InvocationType type, Duration timeout) {
        InvokeRequest.Builder request = InvokeRequest.builder().functionName(target.functionName())
                .invocationType(type).payload(SdkBytes.fromUtf8String(Json.write(message)))
                .overrideConfiguration(c -> c.apiCallTimeout(timeout));
        if (target.qualifier() != null) request.qualifier(target.qualifier());
        try {
            return lambda.invoke(request.build());
        } catch (TooManyRequestsException e) {
            throw new ProviderUnavailableException(provider, "function " + target + " is throttled ("
                    + (e.reasonAsString() == null ? "TooManyRequestsException" : e.reasonAsString())
                    + "); retry later or raise its concurrency", e);
        } catch (ResourceNotFoundException e) {
            throw new ProviderUnavailableException(provider, "function " + target
                    + " does not exist, or the gateway's role may not see it", e);
        } catch (LambdaException e) {
            throw new ProviderUnavailableException(provider, "invoking function " + target + " failed: "
                    + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage(), e);
        } catch (ApiCallTimeoutException e) {
            throw new ProviderUnavailableException(provider, "function " + target + " did not answer "
                    + message.path("method").asText() + " within " + timeout.toMillis() + " ms", e);
        } catch (SdkClientException e) {
            throw new ProviderUnavailableException(provider, "cannot invoke function " + target + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parseOrNull(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
