package dev.jetway.core.security;

import java.util.Objects;

/**
 * An AWS identity that API Gateway verified before the request reached Jetway: the route is
 * IAM-authorized, so API Gateway checked the request's SigV4 signature and the caller's
 * {@code execute-api:Invoke} permission, and passed who signed in the event's request context
 * ({@code requestContext.authorizer.iam}). It never comes from a request header.
 *
 * @param arn the signer's ARN: {@code arn:aws:iam::<account>:user/<name>} or, for a role session,
 *     {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}
 * @param accountId the signer's account
 */
public record IamPrincipal(String arn, String accountId) implements VerifiedIdentity {
    public IamPrincipal {
        Objects.requireNonNull(arn, "arn");
        if (!arn.startsWith("arn:")) throw new IllegalArgumentException("not an ARN: " + arn);
        accountId = accountId == null ? "" : accountId;
    }
}
