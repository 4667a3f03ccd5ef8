package org.smartassistant.common.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An MCP server the operator registered. The model is offered only its tools named in {@code
 * allowedTools}; the user's identity goes to it only when {@code sendIdentity} is true.
 *
 * @param url the endpoint of an HTTP transport ({@code streamable_http}, {@code sse})
 * @param headers HTTP headers sent with every request (e.g. an API key)
 * @param command the program of a {@code stdio} server, with {@code args}
 */
public record McpServerDto(
    UUID id,
    String name,
    McpTransport transport,
    String url,
    Map<String, String> headers,
    String command,
    List<String> args,
    List<String> allowedTools,
    boolean sendIdentity,
    Instant createdAt,
    Instant updatedAt) {}
