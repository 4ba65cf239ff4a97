package dev.jetway.core.groups;

import java.util.Optional;

/**
 * Read side of the provider lifecycle that group routing needs: the current state of one provider.
 * The lifecycle implements it from its projections; it is asked on every selection, so it answers
 * from memory or a cached read, never by starting or probing a provider.
 */
@FunctionalInterface
public interface MemberStatusView {

    /** The member's status, or empty when the lifecycle does not know the provider. */
    Optional<MemberStatus> status(String provider);
}
