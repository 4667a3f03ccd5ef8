package org.smartassistant.assistant.tools;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;

/**
 * A family of tools, one Spring bean per family (e.g. {@code TimeTools}, reminder tools, calendar
 * tools): the implementations of one or more {@link ToolType}s. The {@link ToolCatalog} offers an
 * assistant the tools linked to it in rest-service, each implemented by the family of its type and
 * shown to the model under the tool's configured name and description.
 *
 * <p>The simplest family declares {@link Tool @Tool} methods named after the wire name of their
 * type ({@code @Tool(name = "reminder_create")}) and reads the user with {@link
 * ToolUser#from(org.springframework.ai.chat.model.ToolContext)} from a {@code ToolContext}
 * parameter. A family whose tools carry settings of their own (a sub-assistant tool names its
 * assistant) overrides {@link #types()} and {@link #implementation(ToolDto)}.
 */
public interface ToolFamily {

  /** The types this family implements. */
  default Set<ToolType> types() {
    return implementations().keySet();
  }

  /**
   * The implementation of a configured tool of one of {@link #types()}. The model sees it under the
   * tool's name and description; only its input schema and behaviour come from here.
   */
  default ToolCallback implementation(ToolDto tool) {
    return implementations().get(tool.type());
  }

  /**
   * The model tools a configured tool stands for when it stands for several (an {@code mcp} tool
   * offers the allowed tools of its server), each under its own name and description; read for
   * every turn, so they may change between turns. Null, the default, when the configured tool is
   * one model tool: its {@link #implementation(ToolDto)}.
   */
  default List<ToolCallback> expand(ToolDto tool) {
    return null;
  }

  /** This family's {@link Tool @Tool} methods by the type their name spells. */
  default Map<ToolType, ToolCallback> implementations() {
    Map<ToolType, ToolCallback> byType = new EnumMap<>(ToolType.class);
    for (ToolCallback callback : ToolCallbacks.from(this)) {
      byType.put(typeNamed(callback.getToolDefinition().name()), callback);
    }
    return byType;
  }

  /** The type whose wire name this is, e.g. {@code reminder_create}. */
  static ToolType typeNamed(String wireName) {
    try {
      return ToolType.valueOf(wireName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "@Tool name '"
              + wireName
              + "' is not a tool type; use one of "
              + Arrays.stream(ToolType.values())
                  .map(type -> type.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")),
          e);
    }
  }
}
