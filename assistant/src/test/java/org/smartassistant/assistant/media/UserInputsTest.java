package org.smartassistant.assistant.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.security.InternalTokenProperties;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

/**
 * The limits and refusals of files users send, against the fake OpenAI transcriptions endpoint and
 * a stand-in for tg-bot's file endpoint (its answers as tg-bot gives them: the bytes, 413 for
 * Telegram's "file is too big", 404 for an unknown file).
 */
class UserInputsTest {

  private static final String TOKEN = "media-test-internal-token-0123456789";
  private static final FakeOpenAi llm = new FakeOpenAi().start();
  private static final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private static final List<String> fetched = new CopyOnWriteArrayList<>();
  private static final FakeHttpServer tgBot =
      new FakeHttpServer(
          "tg-bot-files",
          0,
          exchange -> {
            String id = exchange.getRequestURI().getPath().replace("/internal/telegram/files/", "");
            fetched.add(id);
            if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Internal-Token"))) {
              FakeHttpServer.respond(exchange, 401, Map.of(), new byte[0]);
            } else if (id.equals("too-big-for-telegram")) {
              FakeHttpServer.respond(
                  exchange, 413, "application/problem+json", "{\"status\":413}".getBytes());
            } else if (!files.containsKey(id)) {
              FakeHttpServer.respond(
                  exchange, 404, "application/problem+json", "{\"status\":404}".getBytes());
            } else {
              FakeHttpServer.respond(exchange, 200, "application/octet-stream", files.get(id));
            }
          });

  static {
    tgBot.start();
  }

  private final AssistantDto blind = secretary(false);
  private final AssistantDto seeing = secretary(true);

  @BeforeEach
  void clean() {
    llm.reset();
    files.clear();
    fetched.clear();
  }

  @AfterAll
  static void stop() {
    llm.close();
    tgBot.stop();
  }

  @Test
  void aTextIsGivenAsItIs() {
    UserInput input = inputs(true).read(text("hello"), blind);

    assertThat(input.refused()).isFalse();
    assertThat(input.message().getText()).isEqualTo("hello");
    assertThat(input.remembered()).isEqualTo("hello");
  }

  @Test
  void aVoiceNoteIsTranscribedWithTheCaptionAfterIt() {
    files.put("v1", bytes("call the dentist"));

    UserInput input =
        inputs(true).read(file("voice", "v1", 16, null, "audio/ogg", "urgent"), blind);

    assertThat(input.message().getText()).isEqualTo("call the dentist\n\nurgent");
    assertThat(input.remembered()).isEqualTo("call the dentist\n\nurgent");
    assertThat(llm.transcriptions().requests())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.fileName()).isEqualTo("voice.ogg");
              assertThat(t.apiKey()).isEqualTo("transcription-key");
            });
  }

  @Test
  void withoutAnEndpointAVoiceNoteIsRefusedWithoutFetchingIt() {
    files.put("v2", bytes("anything"));

    UserInput input = inputs(false).read(file("voice", "v2", 8, null, "audio/ogg", null), blind);

    assertThat(input.refusal()).isEqualTo(UserInputs.NO_TRANSCRIPTION);
    assertThat(fetched).isEmpty();
  }

  @Test
  void aRecordingAnnouncedOverTheLimitIsRefusedWithoutFetchingIt() {
    files.put("v3", bytes("short"));

    UserInput input =
        inputs(true)
            .read(file("audio", "v3", 2 * 1024 * 1024, "talk.mp3", "audio/mpeg", null), blind);

    assertThat(input.refusal()).contains("too large").contains("1 MB");
    assertThat(fetched).isEmpty();
    assertThat(llm.transcriptions().requests()).isEmpty();
  }

  @Test
  void aRecordingLargerThanAnnouncedIsRefusedOnceFetched() {
    files.put("v4", new byte[1024 * 1024 + 1]);

    UserInput input = inputs(true).read(file("voice", "v4", 10, null, "audio/ogg", null), blind);

    assertThat(input.refusal()).contains("too large");
    assertThat(llm.transcriptions().requests()).isEmpty();
  }

  @Test
  void aRecordingWithoutWordsIsRefused() {
    files.put("v5", bytes("   "));

    UserInput input = inputs(true).read(file("voice", "v5", 3, null, "audio/ogg", null), blind);

    assertThat(input.refusal()).isEqualTo(UserInputs.NO_WORDS);
  }

  @Test
  void aFileTelegramRefusesAsTooBigOrNoLongerKnowsIsRefused() {
    UserInput tooBig =
        inputs(true).read(file("voice", "too-big-for-telegram", null, null, null, null), blind);
    UserInput gone = inputs(true).read(file("voice", "unknown", null, null, null, null), blind);

    assertThat(tooBig.refusal()).isEqualTo(TelegramFileClient.TOO_BIG_FOR_TELEGRAM);
    assertThat(gone.refusal()).isEqualTo(TelegramFileClient.GONE);
  }

  @Test
  void aPhotoIsAnImageForAModelThatTakesImagesAndRefusedForOneThatDoesNot() {
    files.put("p1", new byte[] {1, 2, 3});

    UserInput seen = inputs(true).read(file("photo", "p1", 3, null, "image/jpeg", "what?"), seeing);
    UserInput refused =
        inputs(true).read(file("photo", "p1", 3, null, "image/jpeg", "what?"), blind);

    assertThat(seen.message().getText()).isEqualTo("what?");
    assertThat(seen.message().getMedia())
        .singleElement()
        .satisfies(m -> assertThat(m.getDataAsByteArray()).containsExactly(1, 2, 3));
    assertThat(seen.remembered()).isEqualTo("[photo] what?");
    assertThat(refused.refusal()).isEqualTo(UserInputs.NO_IMAGES);
  }

  @Test
  void aLongDocumentIsCutToTheCapWithANote() {
    files.put("d1", bytes("x".repeat(150)));

    UserInput input =
        inputs(true).read(file("document", "d1", 150, "notes.md", "text/markdown", null), blind);

    String text = input.message().getText();
    assertThat(text).startsWith("[document: notes.md]\n" + "x".repeat(100) + "\n");
    assertThat(text).doesNotContain("x".repeat(101));
    assertThat(text).endsWith(String.format(UserInputs.CUT_NOTE, 100));
  }

  @Test
  void unsupportedEmptyAndBrokenDocumentsAreRefused() throws IOException {
    files.put("d2", new byte[] {'P', 'K'});
    files.put("d3", emptyPdf());
    files.put("d4", bytes("%PDF-1.7 not really"));

    UserInput docx =
        inputs(true).read(file("document", "d2", 2, "a.docx", "application/msword", null), blind);
    UserInput empty =
        inputs(true).read(file("document", "d3", 10, "scan.pdf", "application/pdf", null), blind);
    UserInput broken =
        inputs(true).read(file("document", "d4", 10, "b.pdf", "application/pdf", null), blind);
    UserInput huge =
        inputs(true)
            .read(file("document", "d2", 3 * 1024 * 1024, "big.csv", "text/csv", null), blind);

    assertThat(docx.refusal()).contains("not .docx files");
    assertThat(empty.refusal()).isEqualTo(UserInputs.NO_TEXT);
    assertThat(broken.refusal()).isEqualTo(DocumentText.UNREADABLE_PDF);
    assertThat(huge.refusal()).contains("too large").contains("2 MB");
  }

  private static UserInputs inputs(boolean transcription) {
    MediaProperties properties =
        new MediaProperties(
            tgBot.baseUrl(),
            null,
            new MediaProperties.Transcription(
                transcription ? llm.apiUrl() : "",
                "transcription-key",
                null,
                DataSize.ofMegabytes(1),
                null),
            DataSize.ofMegabytes(1),
            DataSize.ofMegabytes(2),
            100);
    RestClient.Builder builder = RestClient.builder();
    return new UserInputs(
        new TelegramFileClient(builder, properties, new InternalTokenProperties(TOKEN, null)),
        new Transcriber(builder, properties),
        properties);
  }

  private static Envelope text(String text) {
    return Envelope.of(EnvelopeType.USER_MESSAGE, 1L, 1L, text, "telegram", Instant.now());
  }

  private static Envelope file(
      String kind, String fileId, Integer size, String name, String mime, String caption) {
    Map<String, String> attrs = new HashMap<>();
    attrs.put(EnvelopeAttribute.MEDIA_KIND.wireName(), kind);
    attrs.put(EnvelopeAttribute.TELEGRAM_FILE_ID.wireName(), fileId);
    if (size != null) {
      attrs.put(EnvelopeAttribute.FILE_SIZE.wireName(), size.toString());
    }
    if (name != null) {
      attrs.put(EnvelopeAttribute.FILE_NAME.wireName(), name);
    }
    if (mime != null) {
      attrs.put(EnvelopeAttribute.FILE_MIME_TYPE.wireName(), mime);
    }
    return Envelope.of(EnvelopeType.USER_MESSAGE, 1L, 1L, caption, "telegram", Instant.now())
        .withAttrs(attrs);
  }

  private static AssistantDto secretary(boolean takesImages) {
    return new AssistantDto(
        null, "s", null, true, null, "m", null, null, null, true, null, null, takesImages);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] emptyPdf() throws IOException {
    try (PDDocument document = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      document.addPage(new PDPage());
      document.save(out);
      return out.toByteArray();
    }
  }
}
