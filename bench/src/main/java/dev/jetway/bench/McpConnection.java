package dev.jetway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.json.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One MCP client connection over a raw HTTP/1.1 keep-alive socket: a session-era session is
 * initialized once, then every request reuses the socket and the session. Raw sockets rather than
 * {@code java.net.http.HttpClient} because the load generator's own cost must stay small beside the
 * gateway's (Bench's calibration step measures both against the same server and reports the gap).
 * Understands {@code Content-Length} and chunked bodies, JSON and event-stream answers.
 */
final class McpConnection implements AutoCloseable {

    static final String PROTOCOL_VERSION = "2025-11-25";

    private final URI endpoint;
    private final String hostHeader;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private String sessionId;
    private String protocolVersion = PROTOCOL_VERSION;
    private long lastUsedNanos;

    private McpConnection(URI endpoint) {
        this.endpoint = endpoint;
        this.hostHeader = endpoint.getHost() + ":" + endpoint.getPort();
    }

    /** Connects and runs the initialize handshake (initialize, notifications/initialized). */
    static McpConnection open(URI endpoint) throws IOException {
        McpConnection connection = new McpConnection(endpoint);
        connection.connect();
        Response init = connection.post(("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"" + PROTOCOL_VERSION + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"jetway-bench\",\"version\":\"1\"}}}").getBytes(StandardCharsets.UTF_8));
        if (init.status != 200) throw new IOException("initialize to " + endpoint + " answered " + init.status + ": " + init.body);
        JsonNode result = Json.parse(init.body).path("result");
        if (!result.has("protocolVersion")) throw new IOException("initialize to " + endpoint + " had no result: " + init.body);
        connection.sessionId = init.sessionId;
        connection.protocolVersion = result.path("protocolVersion").asText();
        Response initialized = connection.post(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8));
        if (initialized.status / 100 != 2) {
            throw new IOException("notifications/initialized to " + endpoint + " answered " + initialized.status);
        }
        return connection;
    }

    /** Sends one JSON-RPC request and returns the JSON-RPC message that answers it. */
    String request(byte[] body) throws IOException {
        Response response = post(body);
        if (response.status != 200) throw new IOException("HTTP " + response.status + " from " + endpoint + ": " + response.body);
        return response.body;
    }

    /**
     * Reopens the socket (keeping the session) when it sat idle long enough for a server to have
     * closed it: Node's HTTP server drops keep-alive sockets after 5 s. Called before a timed
     * segment, so reconnecting is never part of a measurement.
     */
    void refreshIfIdle(long idleNanos) throws IOException {
        if (System.nanoTime() - lastUsedNanos > idleNanos) {
            closeSocket();
            connect();
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        lastUsedNanos = System.nanoTime();
    }

    private Response post(byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(256).append("POST ").append(endpoint.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Accept: application/json, text/event-stream\r\n")
                .append("MCP-Protocol-Version: ").append(protocolVersion).append("\r\n");
        if (sessionId != null) head.append("Mcp-Session-Id: ").append(sessionId).append("\r\n");
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        out.write(request);
        out.flush();
        Response response = readResponse();
        lastUsedNanos = System.nanoTime();
        return response;
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine();
        if (statusLine == null) throw new IOException("connection to " + endpoint + " closed before a response");
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean eventStream = false;
        boolean close = false;
        String session = null;
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "content-type" -> eventStream = value.startsWith("text/event-stream");
                case "connection" -> close = value.equalsIgnoreCase("close");
                case "mcp-session-id" -> session = value;
                default -> { }
            }
        }
        byte[] body;
        if (chunked) body = readChunked();
        else if (contentLength >= 0) body = in.readNBytes((int) contentLength);
        else if (status == 202 || status == 204 || status == 304) body = new byte[0];
        else { body = in.readAllBytes(); close = true; }
        if (close) {
            closeSocket();
            connect();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return new Response(status, eventStream ? lastEventData(text) : text, session);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) throw new IOException("chunked body from " + endpoint + " ended early");
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (true) {
                    String trailer = readLine();
                    if (trailer == null || trailer.isEmpty()) return body.toByteArray();
                }
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    /** The last {@code data:} payload of an event stream: the JSON-RPC response ends the stream. */
    private static String lastEventData(String stream) {
        String last = "";
        StringBuilder data = null;
        for (String line : stream.split("\r?\n", -1)) {
            if (line.startsWith("data:")) {
                if (data == null) data = new StringBuilder();
                else data.append('\n');
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            } else if (line.isEmpty() && data != null) {
                last = data.toString();
                data = null;
            }
        }
        return data != null ? data.toString() : last;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') line.setLength(n - 1);
                return line.toString();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    /** Ends the session (DELETE) so that gateways that hold a process per session let it go. */
    @Override
    public void close() {
        try {
            if (sessionId != null) {
                refreshIfIdle(1_000_000_000L);
                String head = "DELETE " + endpoint.getRawPath() + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n"
                        + "MCP-Protocol-Version: " + protocolVersion + "\r\nMcp-Session-Id: " + sessionId
                        + "\r\nContent-Length: 0\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                readResponse();
            }
        } catch (IOException | RuntimeException e) {
            // The session ends with the server's idle expiry instead.
        } finally {
            closeSocket();
        }
    }

    private void closeSocket() {
        try {
            if (socket != null) socket.close();
        } catch (IOException ignored) {
            // Closing a socket the server already closed.
        }
    }

    private record Response(int status, String body, String sessionId) {}
}
