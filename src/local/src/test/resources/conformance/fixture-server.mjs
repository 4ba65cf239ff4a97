// The provider Jetway puts behind itself when the official conformance suite runs against the
// gateway: a stdio MCP server offering the fixtures the suite's server scenarios call
// (test_simple_text, test://static-text, test_simple_prompt, ...), as the conformance
// repository's examples/servers/typescript/everything-server.ts defines them. Written for
// Jetway on the TypeScript SDK from test-tools/ (npm), stdio only.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

// The packages live in test-tools/node_modules, which is not on this file's directory path;
// ESM ignores NODE_PATH, so they are imported by absolute URL.
const modules = resolve(process.env.JETWAY_TEST_TOOLS ?? "test-tools", "node_modules");
const load = (path) => import(pathToFileURL(resolve(modules, path)).href);
const { McpServer, ResourceTemplate } = await load("@modelcontextprotocol/sdk/dist/esm/server/mcp.js");
const { StdioServerTransport } = await load("@modelcontextprotocol/sdk/dist/esm/server/stdio.js");
const { z } = await load("zod/index.js");
const { McpError } = await load("@modelcontextprotocol/sdk/dist/esm/types.js");
const { ElicitResultSchema, CreateMessageResultSchema, ListRootsResultSchema, SubscribeRequestSchema,
  UnsubscribeRequestSchema } = await load("@modelcontextprotocol/sdk/dist/esm/types.js");

// A 1x1 PNG and a tiny WAV: the scenarios check type and mime type, not the pixels.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
const WAV = "UklGRiQAAABXQVZFZm10IBAAAAABAAEARKwAAIhYAQACABAAZGF0YQAAAAA=";
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const server = new McpServer(
  { name: "jetway-conformance-fixture", version: "1.0.0" },
  { capabilities: { logging: {}, completions: {}, resources: { subscribe: true } } },
);

const text = (value) => ({ content: [{ type: "text", text: value }] });

server.registerTool("test_simple_text", { description: "Tests simple text content response" },
  async () => text("This is a simple text response for testing."));
server.registerTool("test_image_content", { description: "Tests image content response" },
  async () => ({ content: [{ type: "image", data: PNG, mimeType: "image/png" }] }));
server.registerTool("test_audio_content", { description: "Tests audio content response" },
  async () => ({ content: [{ type: "audio", data: WAV, mimeType: "audio/wav" }] }));
server.registerTool("test_embedded_resource", { description: "Tests embedded resource content response" },
  async () => ({ content: [{ type: "resource", resource: {
    uri: "test://embedded-resource", mimeType: "text/plain", text: "This is an embedded resource content." } }] }));
server.registerTool("test_multiple_content_types", { description: "Tests response with multiple content types" },
  async () => ({ content: [
    { type: "text", text: "Multiple content types test:" },
    { type: "image", data: PNG, mimeType: "image/png" },
    { type: "resource", resource: { uri: "test://mixed-content-resource", mimeType: "application/json",
      text: JSON.stringify({ test: "data", value: 123 }) } },
  ] }));
server.registerTool("test_tool_with_logging", { description: "Tests tool that emits log messages", inputSchema: {} },
  async (_args, { sendNotification }) => {
    for (const data of ["Tool execution started", "Tool processing data", "Tool execution completed"]) {
      await sendNotification({ method: "notifications/message", params: { level: "info", data } });
      await sleep(50);
    }
    return text("Tool with logging executed successfully");
  });
server.registerTool("test_tool_with_progress", { description: "Tests tool that reports progress", inputSchema: {} },
  async (_args, { sendNotification, _meta }) => {
    const progressToken = _meta?.progressToken ?? 0;
    for (const progress of [0, 50, 100]) {
      await sendNotification({ method: "notifications/progress",
        params: { progressToken, progress, total: 100, message: `Completed step ${progress} of 100` } });
      await sleep(50);
    }
    return text(String(progressToken));
  });
server.registerTool("test_error_handling", { description: "Tests error response handling" },
  async () => { throw new Error("This tool intentionally returns an error for testing"); });

// Server-to-client requests made while a tool runs. In the session era the gateway relays them
// to the client on the tool call's event stream; in the stateless era it turns them into an
// InputRequiredResult and resumes the call when the client retries with inputResponses.
const ask = (extra, method, params, schema) => extra.sendRequest({ method, params }, schema);
const elicit = (extra, message, properties, required = []) => ask(extra, "elicitation/create",
  { message, requestedSchema: { type: "object", properties, required } }, ElicitResultSchema);
const sample = (extra, prompt, maxTokens) => ask(extra, "sampling/createMessage",
  { messages: [{ role: "user", content: { type: "text", text: prompt } }], maxTokens }, CreateMessageResultSchema);
const roots = (extra) => ask(extra, "roots/list", {}, ListRootsResultSchema);
// The stateless era names each input request; a session-era provider has no such name, so this
// fixture suggests one in the request's _meta, which Jetway uses as the inputRequests key.
const KEY = "dev.jetway/inputKey";
const named = (key, params) => ({ ...params, _meta: { [KEY]: key } });
const elicitAs = (extra, key, message, properties, required) => ask(extra, "elicitation/create",
  named(key, { message, requestedSchema: { type: "object", properties, required } }), ElicitResultSchema);
const sampleAs = (extra, key, prompt, maxTokens) => ask(extra, "sampling/createMessage",
  named(key, { messages: [{ role: "user", content: { type: "text", text: prompt } }], maxTokens }), CreateMessageResultSchema);
const rootsAs = (extra, key) => ask(extra, "roots/list", named(key, {}), ListRootsResultSchema);
const answered = (result) => `action=${result.action}, content=${JSON.stringify(result.content ?? {})}`;

server.registerTool("test_sampling", { description: "Tests server-initiated sampling (LLM completion request)",
  inputSchema: { prompt: z.string().describe("The prompt to send to the LLM") } },
  async ({ prompt }, extra) => {
    const result = await sample(extra, prompt, 100);
    return text(`LLM response: ${result.content?.text ?? "No response"}`);
  });
server.registerTool("test_elicitation", { description: "Tests server-initiated elicitation (user input request)",
  inputSchema: { message: z.string().describe("The message to show the user") } },
  async ({ message }, extra) => text(`User response: ${answered(await elicit(extra, message,
    { response: { type: "string", description: "User's response" } }, ["response"]))}`));
server.registerTool("test_elicitation_sep1034_defaults", { description: "Tests elicitation with default values per SEP-1034",
  inputSchema: {} },
  async (_args, extra) => text(`Elicitation completed: ${answered(await elicit(extra,
    "Please review and update the form fields with defaults", {
      name: { type: "string", description: "User name", default: "John Doe" },
      age: { type: "integer", description: "User age", default: 30 },
      score: { type: "number", description: "User score", default: 95.5 },
      status: { type: "string", description: "User status", enum: ["active", "inactive", "pending"], default: "active" },
      verified: { type: "boolean", description: "Verification status", default: true },
    }))}`));
server.registerTool("test_elicitation_sep1330_enums", { description: "Tests elicitation with enum schema improvements per SEP-1330",
  inputSchema: {} },
  async (_args, extra) => {
    const titled = (prefix, word) => [1, 2, 3].map((n) => ({ const: `${prefix}${n}`, title: `${["First", "Second", "Third"][n - 1]} ${word}` }));
    return text(`Elicitation completed: ${answered(await elicit(extra, "Please select options from the enum fields", {
      untitledSingle: { type: "string", description: "Select one option", enum: ["option1", "option2", "option3"] },
      titledSingle: { type: "string", description: "Select one option with titles", oneOf: titled("value", "Option") },
      legacyEnum: { type: "string", description: "Select one option (legacy)", enum: ["opt1", "opt2", "opt3"],
        enumNames: ["Option One", "Option Two", "Option Three"] },
      untitledMulti: { type: "array", description: "Select multiple options", minItems: 1, maxItems: 3,
        items: { type: "string", enum: ["option1", "option2", "option3"] } },
      titledMulti: { type: "array", description: "Select multiple options with titles", minItems: 1, maxItems: 3,
        items: { anyOf: titled("value", "Choice") } },
    }))}`);
  });

// Tools whose questions a stateless-era (2026-07-28) client receives as an InputRequiredResult.
const none = { inputSchema: {} };
const nameSchema = { name: { type: "string" } };
server.registerTool("test_input_required_result_elicitation", { description: "MRTR: asks for the user's name", ...none },
  async (_args, extra) => text(`Hello, ${(await elicitAs(extra, "user_name", "What is your name?", nameSchema, ["name"])).content?.name}!`));
server.registerTool("test_input_required_result_sampling", { description: "MRTR: asks the client's model a question", ...none },
  async (_args, extra) => text(`Sampling result: ${(await sampleAs(extra, "capital_question", "What is the capital of France?", 100)).content?.text}`));
server.registerTool("test_input_required_result_list_roots", { description: "MRTR: asks for the client's roots", ...none },
  async (_args, extra) => text(`Found ${(await rootsAs(extra, "client_roots")).roots.length} root(s)`));
server.registerTool("test_input_required_result_request_state", { description: "MRTR: asks for a confirmation", ...none },
  async (_args, extra) => {
    const answer = await elicitAs(extra, "confirm", "Please confirm", { ok: { type: "boolean" } }, ["ok"]);
    return text(answer.content?.ok === true ? "state-ok: the confirmation reached the same call" : "not confirmed");
  });
server.registerTool("test_input_required_result_multiple_inputs", { description: "MRTR: asks three questions at once", ...none },
  async (_args, extra) => {
    const [user, greeting, found] = await Promise.all([
      elicitAs(extra, "user_name", "What is your name?", nameSchema, ["name"]),
      sampleAs(extra, "greeting", "Generate a greeting", 50),
      rootsAs(extra, "client_roots"),
    ]);
    return text(`Name: ${user.content?.name}; Greeting: ${greeting.content?.text}; Roots: ${found.roots.length}`);
  });
server.registerTool("test_input_required_result_multi_round", { description: "MRTR: asks two questions, one after the other", ...none },
  async (_args, extra) => {
    const name = (await elicitAs(extra, "step1", "Step 1: What is your name?", nameSchema, ["name"])).content?.name;
    const color = (await elicitAs(extra, "step2", "Step 2: What is your favorite color?", { color: { type: "string" } }, ["color"])).content?.color;
    return text(`Multi-round complete for ${name} who likes ${color}`);
  });
server.registerTool("test_input_required_result_tampered_state", { description: "MRTR: asks for a confirmation (the state is sealed by the gateway)", ...none },
  async (_args, extra) => {
    await elicitAs(extra, "confirm", "Please confirm", { ok: { type: "boolean" } }, ["ok"]);
    return text("integrity-ok: state verified");
  });
// Asks for both; the gateway refuses what the client did not declare, and the tool carries on without it.
server.registerTool("test_input_required_result_capabilities", { description: "MRTR: asks only what the client can answer", ...none },
  async (_args, extra) => {
    const outcomes = await Promise.allSettled([
      elicitAs(extra, "elicit_input", "Elicitation input", { value: { type: "string" } }, ["value"]),
      sampleAs(extra, "sample_input", "Sample request", 50),
    ]);
    return text(`capabilities-ok: answered ${outcomes.filter((o) => o.status === "fulfilled").length}`);
  });
// Needs sampling; when the gateway says the client lacks it (-32021), the call fails with that error.
server.registerTool("test_missing_capability", { description: "Test tool requiring sampling", ...none },
  async () => text("Success"));
// A prompt without arguments gets the request context as its only parameter.
server.registerPrompt("test_input_required_result_prompt", { description: "MRTR: prompt that requires elicitation input" },
  async (extra) => {
    const answer = await elicitAs(extra, "user_context", "What context should the prompt use?",
      { context: { type: "string" } }, ["context"]);
    return { messages: [{ role: "user", content: { type: "text", text: `Prompt with context: ${answer.content?.context}` } }] };
  });

// Hooks that really change the tool or prompt list (a dynamic entry comes and goes), so the
// provider sends list_changed and the gateway's subscriptions/listen streams can be observed.
let dynamicTool;
let dynamicPrompt;
server.registerTool("test_trigger_tool_change", { description: "Adds or removes test_dynamic_tool", ...none },
  async () => {
    if (dynamicTool) { dynamicTool.remove(); dynamicTool = undefined; } else {
      dynamicTool = server.registerTool("test_dynamic_tool", { description: "Comes and goes", ...none }, async () => text("dynamic"));
    }
    return text("Mutation triggered");
  });
server.registerTool("test_trigger_prompt_change", { description: "Adds or removes test_dynamic_prompt", ...none },
  async () => {
    if (dynamicPrompt) { dynamicPrompt.remove(); dynamicPrompt = undefined; } else {
      dynamicPrompt = server.registerPrompt("test_dynamic_prompt", { description: "Comes and goes" },
        async () => ({ messages: [{ role: "user", content: { type: "text", text: "dynamic" } }] }));
    }
    return text("Mutation triggered");
  });

server.registerResource("static-text", "test://static-text",
  { title: "Static Text Resource", description: "A static text resource for testing", mimeType: "text/plain" },
  async () => ({ contents: [{ uri: "test://static-text", mimeType: "text/plain",
    text: "This is the content of the static text resource." }] }));
server.registerResource("static-binary", "test://static-binary",
  { title: "Static Binary Resource", description: "A static binary resource (image) for testing", mimeType: "image/png" },
  async () => ({ contents: [{ uri: "test://static-binary", mimeType: "image/png", blob: PNG }] }));
server.registerResource("template", new ResourceTemplate("test://template/{id}/data", { list: undefined }),
  { title: "Resource Template", description: "A resource template with parameter substitution", mimeType: "application/json" },
  async (uri, { id }) => ({ contents: [{ uri: uri.toString(), mimeType: "application/json",
    text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }) }] }));

// A resource clients can subscribe to: every subscription is followed by one
// notifications/resources/updated for it, so the relay of updates can be observed.
const subscriptions = new Set();
server.registerResource("watched-resource", "test://watched-resource",
  { title: "Watched Resource", description: "A resource whose subscribers hear of updates", mimeType: "text/plain" },
  async () => ({ contents: [{ uri: "test://watched-resource", mimeType: "text/plain", text: "Watched resource content" }] }));
server.server.setRequestHandler(SubscribeRequestSchema, async ({ params: { uri } }) => {
  subscriptions.add(uri);
  setTimeout(() => { if (subscriptions.has(uri)) server.server.sendResourceUpdated({ uri }); }, 20);
  return {};
});
server.server.setRequestHandler(UnsubscribeRequestSchema, async ({ params: { uri } }) => {
  subscriptions.delete(uri);
  return {};
});

server.registerPrompt("test_simple_prompt", { title: "Simple Test Prompt", description: "A simple prompt without arguments" },
  async () => ({ messages: [{ role: "user", content: { type: "text", text: "This is a simple prompt for testing." } }] }));
server.registerPrompt("test_prompt_with_arguments", {
  title: "Prompt With Arguments", description: "A prompt with required arguments",
  argsSchema: { arg1: z.string().describe("First test argument"), arg2: z.string().describe("Second test argument") },
}, async ({ arg1, arg2 }) => ({ messages: [{ role: "user",
  content: { type: "text", text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` } }] }));
server.registerPrompt("test_prompt_with_embedded_resource", {
  title: "Prompt With Embedded Resource", description: "A prompt that includes an embedded resource",
  argsSchema: { resourceUri: z.string().describe("URI of the resource to embed") },
}, async ({ resourceUri }) => ({ messages: [
  { role: "user", content: { type: "resource", resource: { uri: resourceUri, mimeType: "text/plain",
    text: "Embedded resource content for testing." } } },
  { role: "user", content: { type: "text", text: "Please process the embedded resource above." } },
] }));
server.registerPrompt("test_prompt_with_image", { title: "Prompt With Image", description: "A prompt that includes an image" },
  async () => ({ messages: [
    { role: "user", content: { type: "image", data: PNG, mimeType: "image/png" } },
    { role: "user", content: { type: "text", text: "Please analyze the image above." } },
  ] }));

server.server.setRequestHandler(
  z.object({ method: z.literal("completion/complete") }).passthrough(),
  async () => ({ completion: { values: [], total: 0, hasMore: false } }));

// McpServer turns every error a tool throws into an isError result; test_missing_capability must
// fail the request itself, so its calls are taken before McpServer's own tools/call handler.
const callTool = server.server._requestHandlers.get("tools/call");
server.server._requestHandlers.set("tools/call", async (request, extra) => {
  if (request.params?.name !== "test_missing_capability") return callTool(request, extra);
  try {
    await sample(extra, "Capability probe", 10);
  } catch (error) {
    if (error instanceof McpError) throw new McpError(error.code, error.message.replace(/^MCP error -?\d+: /, ""), error.data);
    throw error;
  }
  return text("Success");
});

await server.connect(new StdioServerTransport());
