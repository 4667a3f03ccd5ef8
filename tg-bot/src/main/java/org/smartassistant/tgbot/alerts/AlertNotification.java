package org.smartassistant.tgbot.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The body of Alertmanager's webhook (version 4): a group of alerts that fire or were resolved.
 * Only the fields the message shows are read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertNotification(String status, List<Alert> alerts) {

  public AlertNotification {
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
  }

  /** One alert of the group. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Alert(
      String status, Map<String, String> labels, Map<String, String> annotations, String startsAt) {

    public Alert {
      labels = labels == null ? Map.of() : Map.copyOf(labels);
      annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
  }
}
