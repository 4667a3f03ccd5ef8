package org.smartassistant.assistant.media;

import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.common.security.InternalTokenProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Fetches a user's Telegram file through tg-bot ({@code GET /internal/telegram/files/{fileId}}),
 * which holds the bot token. Telegram's refusals become a sentence for the user; tg-bot or Telegram
 * failing (5xx, connection) propagates, so the inbox consumer retries the message.
 */
@Component
class TelegramFileClient {

  static final String TOO_BIG_FOR_TELEGRAM =
      "Telegram doesn't let me download files over 20 MB, so please send a smaller one.";
  static final String GONE =
      "I couldn't fetch that file from Telegram any more; please send it again.";

  private final RestClient client;

  TelegramFileClient(
      RestClient.Builder builder, MediaProperties properties, InternalTokenProperties token) {
    this.client =
        ServiceClients.restClient(
            builder,
            new ServiceClientProperties(
                properties.tgBotUrl(), null, properties.fileReadTimeout(), 2, null),
            token.token());
  }

  /** The file's bytes. */
  byte[] fetch(String fileId) throws UnreadableFileException {
    try {
      byte[] bytes =
          client
              .get()
              .uri("/internal/telegram/files/{fileId}", fileId)
              .retrieve()
              .body(byte[].class);
      return bytes == null ? new byte[0] : bytes;
    } catch (HttpClientErrorException e) {
      if (e.getStatusCode().value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
        throw new UnreadableFileException(TOO_BIG_FOR_TELEGRAM);
      }
      if (e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
        throw new UnreadableFileException(GONE);
      }
      throw e;
    }
  }
}
