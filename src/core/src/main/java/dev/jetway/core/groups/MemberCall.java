package dev.jetway.core.groups;

/** The work a group call does once a member is chosen: for example forwarding a tools/call to it. */
@FunctionalInterface
public interface MemberCall<T> {

    /** Runs the call against {@code member}, the provider name the router chose. */
    T call(String member);
}
