package org.smartassistant.common.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Registers an MCP server ({@code POST}) or replaces its registration ({@code PUT}). An HTTP
 * transport needs {@code url} (http or https) and refuses {@code command}; {@code stdio} needs
 * {@code command}, refuses {@code url} and {@code headers}, and is accepted only where enabled.
 * {@code allowedTools} lists the server's tool names the model may be offered (none when empty);
 * {@code sendIdentity} defaults to false.
 */
public record McpServerRequest(
    @NotBlank
        @Pattern(
            regexp = "[A-Za-z0-9_-]{1,64}",
            message = "must be 1 to 64 letters, digits, '_' or '-'")
        String name,
    @NotNull McpTransport transport,
    @Size(max = 2000) String url,
    @Size(max = 20) Map<String, String> headers,
    @Size(max = 1000) String command,
    @Size(max = 50) List<String> args,
    @Size(max = 100) List<String> allowedTools,
    Boolean sendIdentity) {}
