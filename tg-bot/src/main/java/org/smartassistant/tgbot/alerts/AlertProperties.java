package org.smartassistant.tgbot.alerts;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the operator's alerts go.
 *
 * @param chatIds the Telegram chats that receive Alertmanager's alerts ({@code
 *     TELEGRAM_ALERT_CHAT_IDS}, comma-separated; empty: alerts are refused with 503)
 */
@ConfigurationProperties("smart.alerts")
public record AlertProperties(List<Long> chatIds) {

  public AlertProperties {
    chatIds = chatIds == null ? List.of() : List.copyOf(chatIds);
  }
}
