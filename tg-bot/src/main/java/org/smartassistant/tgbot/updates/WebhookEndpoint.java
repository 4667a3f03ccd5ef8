package org.smartassistant.tgbot.updates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Where Telegram posts updates in webhook mode. Telegram cannot send the internal token, so the
 * path is public; instead every request must carry the configured secret in {@code
 * X-Telegram-Bot-Api-Secret-Token} (compared in constant time), else it is answered 401 and reaches
 * nothing. An update takes the same way in as a polled one ({@link UpdateIntake}); Telegram is
 * answered 200 only once it is taken in, and 503 when it could not be, so Telegram sends it again.
 */
@RestController
@ConditionalOnProperty(name = "smart.telegram.updates.mode", havingValue = "webhook")
class WebhookEndpoint {

  /** The endpoint's path (on the public list of the internal-token filter). */
  static final String PATH = "/telegram/webhook";

  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

  // telegrambots' Update is a Jackson 2 type (Boot's Jackson 3 cannot read it)
  private final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final UpdateDispatcher dispatcher;
  private final byte[] secret;

  WebhookEndpoint(UpdateDispatcher dispatcher, UpdateSourceProperties properties) {
    this.dispatcher = dispatcher;
    this.secret = properties.webhookSecret().getBytes(StandardCharsets.UTF_8);
  }

  @PostMapping(PATH)
  ResponseEntity<Void> update(
      @RequestHeader(name = SECRET_HEADER, required = false) String given,
      @RequestBody(required = false) String body) {
    if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
      log.warn("webhook request without the right secret refused");
      return ResponseEntity.status(401).build();
    }
    Update update;
    try {
      update = json.readValue(body == null ? "" : body, Update.class);
    } catch (JsonProcessingException e) {
      log.warn("webhook request with an unreadable update refused: {}", e.getOriginalMessage());
      return ResponseEntity.badRequest().build();
    }
    try {
      dispatcher.takeInNow(update);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ResponseEntity.status(503).build();
    } catch (Exception e) {
      log.warn(
          "update {} not taken in; Telegram sends it again: {}",
          update.getUpdateId(),
          e.toString());
      return ResponseEntity.status(503).build();
    }
    return ResponseEntity.ok().build();
  }
}
