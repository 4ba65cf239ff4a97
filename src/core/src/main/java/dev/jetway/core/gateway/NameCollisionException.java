package dev.jetway.core.gateway;

import java.util.List;

/**
 * Two providers expose the same client-visible name. The gateway refuses to pick one: shadowing
 * would send calls to a provider the user did not mean.
 */
public final class NameCollisionException extends RuntimeException {

    private final List<String> providers;

    public NameCollisionException(String what, String name, List<String> providers) {
        super(what + " '" + name + "' is offered by providers " + providers
                + "; rename one or turn gateway.prefix_names on");
        this.providers = List.copyOf(providers);
    }

    public List<String> providers() {
        return providers;
    }
}
