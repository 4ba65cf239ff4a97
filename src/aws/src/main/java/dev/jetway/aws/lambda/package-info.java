/**
 * {@code lambda} providers: MCP servers packaged as Lambda functions, reached with the Invoke API,
 * one JSON-RPC message per invocation.
 */
package dev.jetway.aws.lambda;
