/**
 * The gateway's edge security, independent of any HTTP server or runtime: who the caller is
 * (OAuth 2.1 bearer JWTs or hashed API keys, as a {@link dev.jetway.core.security.Caller}), the
 * RFC 9728 protected resource metadata, rate limits, JSON shape limits, secret redaction (of logs,
 * telemetry and the published copies of stored events), the
 * bind-address rule and the remote provider address policy (SSRF). {@link
 * dev.jetway.core.security.SecuredEndpoint} puts the request-time parts in front of the front door.
 */
package dev.jetway.core.security;
