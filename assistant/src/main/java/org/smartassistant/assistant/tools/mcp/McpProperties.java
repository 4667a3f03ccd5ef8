package org.smartassistant.assistant.tools.mcp;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the assistant uses registered MCP servers ({@code smart.mcp.*}).
 *
 * @param callTimeout the longest one request to a server may take (a tool call, listing its tools;
 *     the first handshake may also take the connect timeout); a call is also cut at the message's
 *     deadline, whichever comes first
 * @param connectTimeout the longest opening a connection to a server may take
 * @param maxResultChars a tool result longer than this is cut, so one server cannot fill the
 *     model's context
 * @param retryAfter how long a server that could not be reached is not tried again when tools are
 *     offered, so a down server does not slow every message
 * @param stdioEnabled whether {@code stdio} servers are started; off by default
 */
@Validated
@ConfigurationProperties("smart.mcp")
public record McpProperties(
    @DefaultValue("10s") @NotNull Duration callTimeout,
    @DefaultValue("3s") @NotNull Duration connectTimeout,
    @DefaultValue("8000") @Min(100) int maxResultChars,
    @DefaultValue("30s") @NotNull Duration retryAfter,
    @DefaultValue("false") boolean stdioEnabled) {}
