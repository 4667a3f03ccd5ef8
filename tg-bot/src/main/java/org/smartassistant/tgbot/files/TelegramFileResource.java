package org.smartassistant.tgbot.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hands a user's Telegram file to the assistant, which fetches what a {@code user_message} names
 * (docs/telegram.md, "Files"): the bot token stays in tg-bot. Internal token required, like every
 * route. 413 when Telegram refuses the file as too big, 404 for an unknown file id, 502 when
 * Telegram fails (the assistant retries the message).
 */
@RestController
class TelegramFileResource {

  private static final Logger log = LoggerFactory.getLogger(TelegramFileResource.class);

  private final TelegramFiles files;

  TelegramFileResource(TelegramFiles files) {
    this.files = files;
  }

  @GetMapping("/internal/telegram/files/{fileId}")
  ResponseEntity<?> file(@PathVariable String fileId) {
    try {
      byte[] bytes = files.download(fileId);
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(bytes);
    } catch (FileFetchException e) {
      HttpStatus status =
          switch (e.reason()) {
            case TOO_BIG -> HttpStatus.CONTENT_TOO_LARGE;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case UNAVAILABLE -> HttpStatus.BAD_GATEWAY;
          };
      log.info("file {} not fetched: {}", fileId, e.getMessage());
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
      return ResponseEntity.status(status)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem);
    }
  }
}
