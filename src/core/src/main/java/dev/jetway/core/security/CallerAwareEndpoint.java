package dev.jetway.core.security;

import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import java.util.function.Function;

/**
 * What sits behind the security edge: the front door, told who the caller is. Today the front door
 * does not use the caller ({@link #ignoringCaller}); per-tool authorization will.
 */
@FunctionalInterface
public interface CallerAwareEndpoint {

    FrontDoorResponse handle(FrontDoorRequest request, Caller caller);

    static CallerAwareEndpoint ignoringCaller(Function<FrontDoorRequest, FrontDoorResponse> endpoint) {
        return (request, caller) -> endpoint.apply(request);
    }
}
