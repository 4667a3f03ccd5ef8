package org.smartassistant.tgbot.alerts;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.tgbot.format.StyledText;
import org.smartassistant.tgbot.telegram.TelegramSender;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/alerts}: Alertmanager's webhook receiver. Each alert becomes one line of one
 * message to each of the operator's chats ({@code TELEGRAM_ALERT_CHAT_IDS}). Alertmanager sends the
 * internal token as a bearer token. A chat that cannot be reached answers 502, so Alertmanager
 * tries again; without any chat configured the alert is refused with 503.
 */
@RestController
class AlertResource {

  private static final Logger log = LoggerFactory.getLogger(AlertResource.class);
  private static final int MAX_ALERTS_SHOWN = 20;

  private final AlertProperties properties;
  private final TelegramSender sender;

  AlertResource(AlertProperties properties, TelegramSender sender) {
    this.properties = properties;
    this.sender = sender;
  }

  @PostMapping("/api/alerts")
  ResponseEntity<Void> receive(@RequestBody AlertNotification notification)
      throws InterruptedException {
    if (properties.chatIds().isEmpty()) {
      log.warn(
          "an alert came, but TELEGRAM_ALERT_CHAT_IDS names no chat: {}", summary(notification));
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
    }
    if (notification.alerts().isEmpty()) {
      return ResponseEntity.noContent().build();
    }
    StyledText text = StyledText.plain(format(notification));
    boolean allSent = true;
    for (long chatId : properties.chatIds()) {
      try {
        sender.send(chatId, text);
      } catch (RuntimeException e) {
        allSent = false;
        log.warn("alert not delivered to chat {}: {}", chatId, e.toString());
      }
    }
    return allSent
        ? ResponseEntity.noContent().build()
        : ResponseEntity.status(HttpStatus.BAD_GATEWAY).build();
  }

  static String format(AlertNotification notification) {
    List<String> lines = new ArrayList<>();
    List<AlertNotification.Alert> alerts = notification.alerts();
    for (AlertNotification.Alert alert :
        alerts.subList(0, Math.min(alerts.size(), MAX_ALERTS_SHOWN))) {
      boolean resolved = "resolved".equalsIgnoreCase(alert.status());
      String name = alert.labels().getOrDefault("alertname", "alert");
      String what =
          alert
              .annotations()
              .getOrDefault("summary", alert.annotations().getOrDefault("description", ""));
      String where =
          alert.labels().getOrDefault("job", alert.labels().getOrDefault("instance", ""));
      lines.add(
          (resolved ? "✅ resolved: " : "🔥 firing: ")
              + name
              + (where.isEmpty() ? "" : " (" + where + ")")
              + (what.isEmpty() ? "" : " — " + what));
    }
    if (alerts.size() > MAX_ALERTS_SHOWN) {
      lines.add("… and " + (alerts.size() - MAX_ALERTS_SHOWN) + " more");
    }
    return String.join("\n", lines);
  }

  private static String summary(AlertNotification notification) {
    return notification.alerts().size() + " alert(s), " + notification.status();
  }
}
