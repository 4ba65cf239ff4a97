package dev.jetway.core.security;

import dev.jetway.core.mcp.FrontDoorRequest;
import dev.jetway.core.mcp.FrontDoorResponse;
import java.util.function.Function;

/**
 * What sits behind the security edge: the front door, told who the caller is
 * ({@code frontDoor::handle}), which shows and routes only what the caller may use.
 * {@link #ignoringCaller} is for endpoints that authorize nothing themselves.
 */
@FunctionalInterface
public interface CallerAwareEndpoint {

    FrontDoorResponse handle(FrontDoorRequest request, Caller caller);

    static CallerAwareEndpoint ignoringCaller(Function<FrontDoorRequest, FrontDoorResponse> endpoint) {
        return (request, caller) -> endpoint.apply(request);
    }
}
