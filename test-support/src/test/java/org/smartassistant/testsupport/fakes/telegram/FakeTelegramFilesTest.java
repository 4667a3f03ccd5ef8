package org.smartassistant.testsupport.fakes.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The fake's messages with files, read by telegrambots' own client: the update's voice, photo and
 * document objects, {@code getFile} and the download from {@code /file/bot<token>/<file_path>}, and
 * Telegram's refusals.
 */
class FakeTelegramFilesTest {

  private static final String TOKEN = "123456:TEST-token";
  private static final long USER = 4343L;

  private final HttpClient http = HttpClient.newHttpClient();
  private FakeTelegramBotApi telegram;
  private OkHttpTelegramClient client;

  @BeforeEach
  void startFake() {
    telegram = new FakeTelegramBotApi().start().expectToken(TOKEN);
    client =
        new OkHttpTelegramClient(
            TOKEN, new TelegramUrl("http", telegram.host(), telegram.port(), false));
  }

  @AfterEach
  void stopFake() {
    telegram.close();
  }

  @Test
  void aVoiceNoteIsFetchedThroughGetFileAndTheDownload() throws Exception {
    byte[] audio = "hello".getBytes(StandardCharsets.UTF_8);
    telegram.pushVoice(USER, audio);

    Message message = onlyUpdate().getMessage();
    assertThat(message.getVoice().getMimeType()).isEqualTo("audio/ogg");
    assertThat(message.getVoice().getFileSize()).isEqualTo(5L);
    File file = client.execute(new GetFile(message.getVoice().getFileId()));

    assertThat(file.getFilePath()).startsWith("voice/").endsWith(".oga");
    assertThat(download(TOKEN, file.getFilePath()).body()).isEqualTo(audio);
    assertThat(download("999:other-token", file.getFilePath()).statusCode()).isEqualTo(404);
    assertThat(download(TOKEN, "voice/nothing.oga").statusCode()).isEqualTo(404);
  }

  @Test
  void aPhotoComesInTwoSizesWithItsCaptionAndADocumentWithItsName() throws Exception {
    telegram.pushPhoto(USER, new byte[] {1, 2, 3}, "look");
    telegram.pushDocument(USER, new byte[] {4}, "a.pdf", "application/pdf", null);

    List<Update> updates = client.execute(GetUpdates.builder().offset(0).timeout(0).build());
    Message photo = updates.get(0).getMessage();
    Message document = updates.get(1).getMessage();

    assertThat(photo.getCaption()).isEqualTo("look");
    assertThat(photo.getPhoto()).hasSize(2);
    PhotoSize original = photo.getPhoto().get(1);
    File file = client.execute(new GetFile(original.getFileId()));
    assertThat(download(TOKEN, file.getFilePath()).body()).containsExactly(1, 2, 3);
    assertThat(document.getDocument().getFileName()).isEqualTo("a.pdf");
    assertThat(document.getDocument().getMimeType()).isEqualTo("application/pdf");
  }

  @Test
  void aFileOver20MbIsTooBigAndAnUnknownIdIsInvalid() throws Exception {
    telegram.pushFile(
        USER, MediaKind.AUDIO, new byte[] {1}, 21L * 1024 * 1024, "talk.mp3", "audio/mpeg", null);
    String fileId = onlyUpdate().getMessage().getAudio().getFileId();

    assertThatThrownBy(() -> client.execute(new GetFile(fileId)))
        .isInstanceOfSatisfying(
            TelegramApiRequestException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(400);
              assertThat(e.getApiResponse()).isEqualTo("Bad Request: file is too big");
            });
    assertThatThrownBy(() -> client.execute(new GetFile("nonsense")))
        .isInstanceOfSatisfying(
            TelegramApiRequestException.class,
            e -> assertThat(e.getApiResponse()).isEqualTo("Bad Request: invalid file_id"));
  }

  private Update onlyUpdate() throws Exception {
    List<Update> updates = client.execute(GetUpdates.builder().offset(0).timeout(0).build());
    assertThat(updates).hasSize(1);
    return updates.get(0);
  }

  private HttpResponse<byte[]> download(String token, String path) throws Exception {
    URI uri = URI.create(telegram.baseUrl() + "/file/bot" + token + "/" + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
