package dev.jetway.core.security;

/**
 * Who the caller is, as something in front of the gateway already verified it and passed it
 * outside the request: on AWS, API Gateway's IAM or JWT authorizer, in the event's request context.
 * Nothing in the request itself (headers, body) can stand in for one, and the local runner never
 * has one.
 */
public sealed interface VerifiedIdentity permits IamPrincipal, AuthorizerClaims {}
