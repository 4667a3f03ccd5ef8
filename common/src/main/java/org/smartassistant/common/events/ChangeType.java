package org.smartassistant.common.events;

import java.util.Arrays;
import java.util.Locale;

/** How the thing changed. */
public enum ChangeType {
  CREATED("created"),
  UPDATED("updated"),
  DELETED("deleted");

  private final String value;

  ChangeType(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static ChangeType fromValue(String value) {
    return Arrays.stream(values())
        .filter(type -> type.value.equals(value.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown change '" + value + "'"));
  }
}
