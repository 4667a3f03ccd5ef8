package org.smartassistant.calendar.oauth;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Tells the assistant that a user connected a calendar: a {@code calendar_connected} envelope in
 * the inbox, addressed to the user's Telegram chat, so the secretary can say so.
 */
@Component
class CalendarConnectedPublisher {

  static final String SOURCE = "calendar-service";

  private static final Logger log = LoggerFactory.getLogger(CalendarConnectedPublisher.class);

  private final EnvelopePublisher publisher;
  private final RestServiceClient rest;
  private final Clock clock;

  CalendarConnectedPublisher(EnvelopePublisher publisher, RestServiceClient rest, Clock clock) {
    this.publisher = publisher;
    this.rest = rest;
    this.clock = clock;
  }

  /**
   * Publishes once per state: the nonce is the idempotency key. A failure is logged, not thrown:
   * the tokens are stored by then, and an error page would send the user to connect again for
   * nothing.
   */
  void publish(long userId, String stateNonce) {
    Long chatId = null;
    try {
      chatId = rest.user(userId).telegramId();
    } catch (RestClientException e) {
      log.warn(
          "user {} not readable from rest-service, publishing without a chat: {}",
          userId,
          e.getMessage());
    }
    Envelope envelope =
        Envelope.of(EnvelopeType.CALENDAR_CONNECTED, userId, chatId, null, SOURCE, clock.instant());
    try {
      publisher.publish(envelope, "calendar-connected:" + stateNonce);
    } catch (RuntimeException e) {
      log.error(
          "calendar of user {} is connected, but calendar_connected could not be published",
          userId,
          e);
    }
  }
}
