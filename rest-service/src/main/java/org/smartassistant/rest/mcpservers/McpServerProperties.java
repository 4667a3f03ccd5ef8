package org.smartassistant.rest.mcpservers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What may be registered as an MCP server ({@code smart.mcp.*}).
 *
 * @param stdioEnabled whether {@code stdio} servers (a command the assistant starts on its own
 *     host) are accepted; off by default, as such a command runs with the assistant's rights
 */
@ConfigurationProperties("smart.mcp")
record McpServerProperties(@DefaultValue("false") boolean stdioEnabled) {}
