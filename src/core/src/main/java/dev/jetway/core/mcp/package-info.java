/**
 * The MCP front door, independent of any HTTP server: a request (method, path, headers, body) in,
 * a status, headers and either a body or a stream of server-sent events out. The local HTTP
 * server and the Lambda handler are both thin adapters around {@link dev.jetway.core.mcp.FrontDoor}.
 * Only the JSON-RPC envelope is parsed; params and results travel as raw JSON trees.
 */
package dev.jetway.core.mcp;
