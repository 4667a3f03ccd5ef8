package org.smartassistant.tgbot.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.smartassistant.testsupport.fakes.telegram.MediaKind;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;
import org.smartassistant.tgbot.BotTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * tg-bot hands the assistant the file a user sent: getFile, then the download from the configured
 * Bot API (the fake), with Telegram's refusals as 413 and 404.
 */
class TelegramFileResourceTest extends BotTest {

  @Autowired TelegramFileResource resource;

  @Test
  void handsOutTheFileAUserSentThroughGetFileAndTheDownload() throws Exception {
    long chat = 5031;
    byte[] content = "shopping list: milk, bread".getBytes(StandardCharsets.UTF_8);
    telegram.pushDocument(chat, content, "list.txt", "text/plain", null);
    String fileId = fileIdOf(chat);

    ResponseEntity<?> answer = resource.file(fileId);

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat((byte[]) answer.getBody()).isEqualTo(content);
    List<TelegramCall> getFile = telegram.calls("getFile");
    assertThat(getFile).anySatisfy(call -> assertThat(call.param("file_id")).isEqualTo(fileId));
  }

  @Test
  void aFileTelegramRefusesAsTooBigIs413() throws Exception {
    long chat = 5032;
    telegram.pushFile(
        chat, MediaKind.VOICE, new byte[] {1, 2, 3}, 25L * 1024 * 1024, null, "audio/ogg", null);
    String fileId = fileIdOf(chat);

    ResponseEntity<?> answer = resource.file(fileId);

    assertThat(answer.getStatusCode().value()).isEqualTo(413);
    assertThat(((ProblemDetail) answer.getBody()).getDetail()).contains("file is too big");
  }

  @Test
  void anUnknownFileIs404() {
    ResponseEntity<?> answer = resource.file("AgADnothing");

    assertThat(answer.getStatusCode().value()).isEqualTo(404);
  }

  private String fileIdOf(long chat) throws Exception {
    Envelope envelope = awaitInbox(chat, 1).get(0);
    return envelope.attr(EnvelopeAttribute.TELEGRAM_FILE_ID);
  }
}
