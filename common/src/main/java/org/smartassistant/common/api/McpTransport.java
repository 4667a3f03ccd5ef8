package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the assistant reaches an MCP server. */
public enum McpTransport {
  /** MCP's streamable HTTP transport: one endpoint URL, e.g. {@code https://host/mcp}. */
  @JsonProperty("streamable_http")
  STREAMABLE_HTTP,
  /** The older HTTP + server-sent events transport: the SSE endpoint URL, e.g. {@code /sse}. */
  @JsonProperty("sse")
  SSE,
  /** A command the assistant starts and talks to on stdin/stdout; off unless enabled. */
  @JsonProperty("stdio")
  STDIO
}
