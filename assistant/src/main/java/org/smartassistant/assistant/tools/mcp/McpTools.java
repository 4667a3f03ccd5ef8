package org.smartassistant.assistant.tools.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.assistant.tools.ToolFamily;
import org.smartassistant.assistant.tools.ToolUser;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.api.UserDto;
import org.springframework.ai.mcp.McpToolUtils;
import org.springframework.ai.mcp.SyncMcpToolCallback;
import org.springframework.ai.mcp.ToolContextToMcpMetaConverter;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.stereotype.Component;

/**
 * The {@code mcp} tools: each configured tool of this type offers the model the allowed tools of
 * the MCP server its {@code mcpServerId} names, as {@code <tool name>_<server's tool name>}. The
 * user's identity goes to the server (in the call's {@code _meta}) only when its registration says
 * so; Spring AI would otherwise send the whole tool context, so the converter is always set here.
 */
@Component
class McpTools implements ToolFamily {

  /** {@code _meta} entries of a call to a server allowed to know the user. */
  static final String TELEGRAM_ID = "telegramId";

  static final String NAME = "name";

  private static final int MAX_NAME = 64;

  private final McpConnections connections;
  private final SecretaryResolver users;
  private final McpProperties properties;

  McpTools(McpConnections connections, SecretaryResolver users, McpProperties properties) {
    this.connections = connections;
    this.users = users;
    this.properties = properties;
  }

  @Override
  public Set<ToolType> types() {
    return Set.of(ToolType.MCP);
  }

  @Override
  public ToolCallback implementation(ToolDto tool) {
    return null;
  }

  @Override
  public List<ToolCallback> expand(ToolDto tool) {
    if (tool.mcpServerId() == null) {
      return List.of();
    }
    McpConnections.Connection connection = connections.connection(tool.mcpServerId());
    if (connection == null) {
      return List.of();
    }
    ToolContextToMcpMetaConverter meta =
        connection.server().sendIdentity() ? this::identity : ToolContextToMcpMetaConverter.noOp();
    return connection.tools().stream()
        .map(
            mcpTool ->
                (ToolCallback)
                    new McpToolCall(
                        SyncMcpToolCallback.builder()
                            .mcpClient(connection.client())
                            .tool(mcpTool)
                            .prefixedToolName(nameOf(tool, mcpTool))
                            .toolContextToMcpMetaConverter(meta)
                            .build(),
                        connection.server().name(),
                        properties,
                        () -> connections.forget(tool.mcpServerId())))
        .toList();
  }

  private Map<String, Object> identity(org.springframework.ai.chat.model.ToolContext context) {
    UserDto user = users.user(ToolUser.from(context).userId());
    Map<String, Object> meta = new HashMap<>();
    meta.put(TELEGRAM_ID, user.telegramId());
    String name = user.preferredName() != null ? user.preferredName() : user.firstName();
    if (name != null) {
      meta.put(NAME, name);
    }
    return meta;
  }

  /** The function name the model sees: letters, digits, '_' and '-', at most 64. */
  private static String nameOf(ToolDto tool, McpSchema.Tool mcpTool) {
    String name = McpToolUtils.format(tool.name() + "_" + mcpTool.name());
    name = name.replaceAll("[^A-Za-z0-9_-]", "_");
    return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
  }
}
