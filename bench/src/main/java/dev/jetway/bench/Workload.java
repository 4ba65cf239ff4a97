package dev.jetway.bench;

import java.nio.charset.StandardCharsets;

/**
 * A request the benchmark repeats and how to tell that its answer is right: a trivial
 * {@code tools/call} of {@code echo}, whose text must come back, or {@code tools/list}, which must
 * list the echo tool.
 */
record Workload(String method, byte[] body, String mustContain) {

    static final String ECHO_MESSAGE = "jetway-bench-4711";

    static Workload echoCall(Target target) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\""
                + target.toolPrefix() + "echo\",\"arguments\":{\"message\":\"" + ECHO_MESSAGE + "\"}}}";
        return new Workload("tools/call", body.getBytes(StandardCharsets.UTF_8), "Echo: " + ECHO_MESSAGE);
    }

    static Workload toolsList(Target target) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\",\"params\":{}}";
        return new Workload("tools/list", body.getBytes(StandardCharsets.UTF_8), "\"" + target.toolPrefix() + "echo\"");
    }

    static Workload of(String method, Target target) {
        return method.equals("tools/call") ? echoCall(target) : toolsList(target);
    }

    /** Null when the answer is a result with the expected content, else what is wrong with it. */
    String problemWith(String answer) {
        if (answer == null || !answer.contains("\"result\"")) return "not a JSON-RPC result: " + cut(answer);
        if (answer.contains("\"isError\":true")) return "a tool error: " + cut(answer);
        if (!answer.contains(mustContain)) return "the answer lacks " + mustContain + ": " + cut(answer);
        return null;
    }

    private static String cut(String text) {
        if (text == null) return "(nothing)";
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
