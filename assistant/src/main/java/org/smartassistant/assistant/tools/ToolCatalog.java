package org.smartassistant.assistant.tools;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.stereotype.Component;

/**
 * Turns the tools linked to an assistant in rest-service into the {@link ToolCallback}s the model
 * is offered: each {@link ToolType} is implemented by exactly one {@link ToolFamily} bean. Tools
 * whose type no family implements yet are left out (logged once per tool).
 */
@Component
public class ToolCatalog {

  private static final Logger log = LoggerFactory.getLogger(ToolCatalog.class);

  /** Built tools are few and immutable; a changed tool is a new record (updatedAt) and key. */
  private static final int MAX_BUILT = 1_000;

  private final Map<ToolType, ToolFamily> families = new EnumMap<>(ToolType.class);
  private final Map<ToolDto, ToolCallback> built = new ConcurrentHashMap<>();
  private final Set<ToolDto> unimplemented = ConcurrentHashMap.newKeySet();
  private final MeterRegistry meters;
  private final ToolProperties properties;

  ToolCatalog(List<ToolFamily> families, MeterRegistry meters, ToolProperties properties) {
    this.meters = meters;
    this.properties = properties;
    for (ToolFamily family : families) {
      for (ToolType type : family.types()) {
        ToolFamily other = this.families.putIfAbsent(type, family);
        if (other != null) {
          throw new IllegalStateException(
              "tool type "
                  + type
                  + " is implemented twice: by "
                  + other.getClass().getName()
                  + " and "
                  + family.getClass().getName());
        }
      }
    }
  }

  /** The types some family implements. */
  public Set<ToolType> implementedTypes() {
    return Set.copyOf(families.keySet());
  }

  /** The callbacks of the given tools that are active and implemented, one per tool name. */
  public List<ToolCallback> callbacksFor(List<ToolDto> tools) {
    List<ToolCallback> callbacks = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ToolDto tool : tools) {
      if (!Boolean.TRUE.equals(tool.isActive()) || tool.type() == null || !names.add(tool.name())) {
        continue;
      }
      ToolFamily family = families.get(tool.type());
      List<ToolCallback> expanded = family == null ? null : family.expand(tool);
      if (expanded != null) {
        for (ToolCallback each : expanded) {
          if (names.add(each.getToolDefinition().name())) {
            callbacks.add(new ConfiguredTool(tool.type(), each, meters));
          }
        }
        continue;
      }
      ToolCallback callback = callbackFor(tool);
      if (callback != null) {
        callbacks.add(callback);
      }
    }
    return callbacks;
  }

  /** The tool context of one message: the user and the message's tool-call budget. */
  public Map<String, Object> contextFor(ToolUser user) {
    Map<String, Object> context = user.toContext();
    context.put(ConfiguredTool.BUDGET, new AtomicInteger(properties.maxCallsPerMessage()));
    return context;
  }

  /**
   * The tool context of a turn: as {@link #contextFor(ToolUser)}, and the tools that create
   * something key their requests by {@code turnKey} ({@link ToolTurn}); null for none.
   */
  public Map<String, Object> contextFor(ToolUser user, String turnKey) {
    Map<String, Object> context = contextFor(user);
    ToolTurn.into(context, turnKey);
    return context;
  }

  private ToolCallback callbackFor(ToolDto tool) {
    ToolCallback existing = built.get(tool);
    if (existing != null) {
      return existing;
    }
    ToolFamily family = families.get(tool.type());
    ToolCallback implementation = family == null ? null : family.implementation(tool);
    if (implementation == null) {
      if (unimplemented.size() < MAX_BUILT && unimplemented.add(tool)) {
        log.info(
            "tool '{}' of type {} has no implementation yet; not offered",
            tool.name(),
            tool.type());
      }
      return null;
    }
    if (built.size() >= MAX_BUILT) {
      built.clear();
    }
    ToolCallback callback = new ConfiguredTool(tool, implementation, meters);
    built.put(tool, callback);
    return callback;
  }
}
