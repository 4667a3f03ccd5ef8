package org.smartassistant.common.events;

import java.util.Arrays;
import java.util.Locale;

/**
 * What changed. Each kind has its own Redis stream, named {@code changes:<kind>}; the id of an
 * event is the id of the changed thing as the REST API spells it.
 */
public enum ChangeKind {
  /** An assistant; id = assistant uuid. */
  ASSISTANT("assistant"),
  /** A tool; id = tool uuid. */
  TOOL("tool"),
  /** A link between an assistant and a tool; id = {@code <assistantId>:<toolId>}. */
  ASSISTANT_TOOL("assistant_tool"),
  /** The secretary of a user (assigned, replaced or cleared); id = user id. */
  SECRETARY("secretary"),
  /** A reminder; id = reminder uuid. */
  REMINDER("reminder"),
  /** A user's profile (e.g. time zone); id = user id. */
  USER("user"),
  /** The global settings; id = {@code global}. */
  SETTINGS("settings"),
  /** A registered MCP server; id = server uuid. */
  MCP_SERVER("mcp_server"),
  /** A calendar reminder rule; id = rule uuid, attribute {@code userId}. */
  CALENDAR_RULE("calendar_rule"),
  /**
   * A user's calendar events (one was created through calendar-service, which publishes this kind
   * itself); id = user id.
   */
  CALENDAR_EVENTS("calendar_events"),
  /** The facts kept about a user (one kept or forgotten); id = user id. */
  MEMORY("memory");

  private final String value;

  ChangeKind(String value) {
    this.value = value;
  }

  /** The wire name, e.g. {@code assistant_tool}. */
  public String value() {
    return value;
  }

  /** The stream this kind's events are added to, e.g. {@code changes:reminder}. */
  public String stream() {
    return ChangeStreams.PREFIX + value;
  }

  public static ChangeKind fromValue(String value) {
    return Arrays.stream(values())
        .filter(kind -> kind.value.equals(value.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown change kind '" + value + "'"));
  }
}
