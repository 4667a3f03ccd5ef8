package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a tool does; the assistant maps each type to its implementation. */
public enum ToolType {
  @JsonProperty("time")
  TIME,
  @JsonProperty("reminder_create")
  REMINDER_CREATE,
  @JsonProperty("reminder_list")
  REMINDER_LIST,
  @JsonProperty("reminder_delete")
  REMINDER_DELETE,
  @JsonProperty("calendar_list")
  CALENDAR_LIST,
  @JsonProperty("calendar_create")
  CALENDAR_CREATE,
  @JsonProperty("weather")
  WEATHER,
  @JsonProperty("memory_save")
  MEMORY_SAVE,
  @JsonProperty("memory_search")
  MEMORY_SEARCH,
  @JsonProperty("memory_forget")
  MEMORY_FORGET,
  /** Delegates to the assistant named by the tool's {@code subAssistantId}. */
  @JsonProperty("sub_assistant")
  SUB_ASSISTANT,
  @JsonProperty("web_search")
  WEB_SEARCH,
  /** Offers the allowed tools of the MCP server named by the tool's {@code mcpServerId}. */
  @JsonProperty("mcp")
  MCP,
  /** Sets a calendar reminder rule ("15 minutes before each meeting"). */
  @JsonProperty("calendar_reminder_rule_set")
  CALENDAR_REMINDER_RULE_SET,
  @JsonProperty("calendar_reminder_rule_list")
  CALENDAR_REMINDER_RULE_LIST,
  @JsonProperty("calendar_reminder_rule_remove")
  CALENDAR_REMINDER_RULE_REMOVE
}
