package dev.jetway.core.security;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code security.iam} section: callers are AWS identities that API Gateway's IAM authorizer
 * verified (SigV4), and each listed ARN pattern grants roles to the identities it matches, for
 * {@code security.policy} and the management tools. An identity that matches no pattern is still
 * authenticated (IAM let it invoke the API) but has no roles.
 */
public final class IamSettings {

    /**
     * One ARN pattern ({@code *} any run of characters, {@code ?} one) and the roles of the identities it matches.
     */
    public record Principal(String arn, Set<String> roles) {
        public Principal {
            Objects.requireNonNull(arn, "arn");
            if (!arn.startsWith("arn:")) {
                throw new IllegalArgumentException("'" + arn + "' is not an ARN pattern; expected e.g. "
                        + "arn:aws:iam::123456789012:role/platform-admin or arn:aws:sts::123456789012:assumed-role/agents/*");
            }
            roles = Set.copyOf(roles);
        }
    }

    private final List<Principal> principals;
    private final Map<Pattern, Set<String>> grants = new LinkedHashMap<>();

    public IamSettings(List<Principal> principals) {
        this.principals = List.copyOf(principals);
        for (Principal principal : this.principals) grants.put(AccessPolicy.glob(principal.arn()), principal.roles());
    }

    public List<Principal> principals() {
        return principals;
    }

    /** The caller an identity is: subject {@code iam:<arn>}, the roles of every pattern it matches, no scopes. */
    public Caller caller(IamPrincipal identity) {
        Set<String> roles = new LinkedHashSet<>();
        grants.forEach((pattern, granted) -> {
            if (pattern.matcher(identity.arn()).matches()) roles.addAll(granted);
        });
        return new Caller("iam:" + identity.arn(), roles, Set.of());
    }
}
