package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.CreateAssistantRequest;
import org.smartassistant.common.api.SetSecretaryRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.ServiceProcess;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiMessage;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.smartassistant.testsupport.fakes.OpenAiTranscriptions.Transcription;
import org.smartassistant.testsupport.fakes.telegram.MediaKind;
import org.smartassistant.testsupport.fakes.telegram.NonTextKind;

/**
 * Voice notes, photos and documents through the whole Telegram path: a voice note is fetched from
 * Telegram, transcribed and answered as the user's text (oversized, or without a transcription
 * endpoint: one clear sentence); a photo reaches a model that takes images as an image part with
 * its caption; a PDF's text reaches the model; an unsupported file gets one clear sentence.
 */
class MediaMessagesTest {

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.llm;

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void aVoiceNoteIsTranscribedAnsweredAndKeptInTheHistoryAsItsTranscript() {
    UserDto user = fixture.start(1132, "Vera", "UTC");
    String spoken = "Remind me to water the plants tomorrow";

    String reply = send(user, () -> fixture.telegram.pushVoice(user.telegramId(), bytes(spoken)));

    assertThat(reply).isEqualTo("You said: " + spoken);
    List<Transcription> transcriptions = llm.transcriptions().requests();
    assertThat(transcriptions).hasSize(1);
    assertThat(transcriptions.get(0).model()).isEqualTo("whisper-1");
    assertThat(transcriptions.get(0).apiKey()).isEqualTo("test-key");
    assertThat(transcriptions.get(0).audio()).isEqualTo(bytes(spoken));
    assertThat(lastRequestOf("Vera").lastUserText()).isEqualTo(spoken);

    fixture.say(user, "Thanks!");
    assertThat(lastRequestOf("Vera").messages())
        .extracting(OpenAiMessage::role, OpenAiMessage::content)
        .containsSubsequence(Tuple.tuple("user", spoken), Tuple.tuple("user", "Thanks!"));
  }

  @Test
  void aVoiceNoteOverTheLimitGetsOneClearSentenceAndNoModelIsAsked() {
    UserDto user = fixture.start(1133, "Otto", "UTC");

    String reply =
        send(
            user,
            () ->
                fixture.telegram.pushFile(
                    user.telegramId(),
                    MediaKind.VOICE,
                    bytes("a very long monologue"),
                    2 * 1024 * 1024,
                    null,
                    "audio/ogg",
                    null));

    assertThat(reply).contains("too large").contains("1 MB");
    assertThat(llm.transcriptions().requests()).isEmpty();
    assertThat(requestsOf("Otto")).isEmpty();
  }

  @Test
  void aPhotoWithACaptionReachesAModelThatTakesImagesAsAnImagePart() {
    UserDto user = fixture.start(1134, "Pia", "UTC");
    AssistantDto seeing = secretaryTakingImages(user);
    byte[] photo = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5};

    try {
      send(user, () -> fixture.telegram.pushPhoto(user.telegramId(), photo, "What is this?"));

      OpenAiMessage asked = lastRequestOf("Pia").lastUserMessage();
      assertThat(asked.content()).isEqualTo("What is this?");
      assertThat(asked.imageUrls()).hasSize(1);
      assertThat(asked.imageUrls().get(0)).startsWith("data:image/jpeg;base64,");
      assertThat(asked.inlineImages().get(0)).isEqualTo(photo);

      fixture.say(user, "And now?");
      OpenAiRequest next = lastRequestOf("Pia");
      assertThat(next.messages())
          .extracting(OpenAiMessage::role, OpenAiMessage::content)
          .contains(Tuple.tuple("user", "[photo] What is this?"));
      assertThat(next.messages()).allSatisfy(m -> assertThat(m.imageUrls()).isEmpty());
    } finally {
      fixture.rest.deleteAssistant(seeing.id());
    }
  }

  @Test
  void aPhotoToAModelWithoutImagesGetsOneClearSentence() {
    UserDto user = fixture.start(1135, "Quirin", "UTC");

    String reply =
        send(user, () -> fixture.telegram.pushPhoto(user.telegramId(), new byte[] {1, 2}, "hm?"));

    assertThat(reply).contains("can't look at pictures");
    assertThat(requestsOf("Quirin")).isEmpty();
  }

  @Test
  void aPdfsTextReachesTheModelWithTheCaption() throws IOException {
    UserDto user = fixture.start(1136, "Rosa", "UTC");
    byte[] pdf = pdf("Invoice 4711: total 99.50 EUR, due on 1 March.");

    send(
        user,
        () ->
            fixture.telegram.pushDocument(
                user.telegramId(), pdf, "invoice.pdf", "application/pdf", "When is it due?"));

    String asked = lastRequestOf("Rosa").lastUserText();
    assertThat(asked)
        .startsWith("When is it due?")
        .contains("[document: invoice.pdf]")
        .contains("Invoice 4711: total 99.50 EUR, due on 1 March.");
  }

  @Test
  void anUnsupportedFileTypeAndAStickerGetOneClearSentenceEach() {
    UserDto user = fixture.start(1137, "Sven", "UTC");

    String docx =
        send(
            user,
            () ->
                fixture.telegram.pushDocument(
                    user.telegramId(),
                    new byte[] {'P', 'K', 3, 4},
                    "letter.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    null));
    String sticker =
        send(user, () -> fixture.telegram.pushNonText(user.telegramId(), NonTextKind.STICKER));

    assertThat(docx).contains("not .docx files");
    assertThat(sticker).contains("not this kind of message");
    assertThat(requestsOf("Sven")).isEmpty();
  }

  @Test
  void withoutATranscriptionEndpointAVoiceNoteGetsOneClearSentence() throws Exception {
    UserDto user = fixture.start(1138, "Tilde", "UTC");
    ServiceProcess usual = fixture.suite.instance(Service.ASSISTANT);
    usual.stop();
    ServiceProcess deaf =
        fixture.suite.start(Service.ASSISTANT, Map.of("TRANSCRIPTION_BASE_URL", ""));
    try {
      deaf.awaitReady(Duration.ofSeconds(120));

      String reply =
          send(user, () -> fixture.telegram.pushVoice(user.telegramId(), bytes("hello there")));

      assertThat(reply).contains("can't listen to voice messages");
      assertThat(llm.transcriptions().requests()).isEmpty();
      assertThat(requestsOf("Tilde")).isEmpty();
    } finally {
      deaf.stop();
      fixture.suite.start(Service.ASSISTANT).awaitReady(Duration.ofSeconds(120));
    }
  }

  /** The user sends something; returns the next message the bot sends them. */
  private String send(UserDto user, Runnable push) {
    int before = fixture.sentTexts(user).size();
    push.run();
    return fixture
        .telegram
        .awaitSentMessages(user.telegramId(), before + 1, ConversationFixture.PATIENCE)
        .get(before)
        .text();
  }

  private AssistantDto secretaryTakingImages(UserDto user) {
    AssistantDto secretary =
        fixture.rest.createAssistant(
            new CreateAssistantRequest(
                "Seeing secretary " + user.id(),
                "a secretary whose model takes images",
                true,
                null,
                null,
                "You are a personal secretary.",
                "Hello!",
                null,
                true,
                true));
    fixture.rest.setUserSecretary(user.id(), new SetSecretaryRequest(secretary.id()));
    return secretary;
  }

  private List<OpenAiRequest> requestsOf(String firstName) {
    return llm.requests().stream()
        .filter(r -> r.systemPromptContains("Name: " + firstName + "."))
        .toList();
  }

  private OpenAiRequest lastRequestOf(String firstName) {
    List<OpenAiRequest> requests = requestsOf(firstName);
    assertThat(requests).as("requests of " + firstName).isNotEmpty();
    return requests.get(requests.size() - 1);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] pdf(String line) throws IOException {
    try (PDDocument document = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(72, 720);
        content.showText(line);
        content.endText();
      }
      document.save(out);
      return out.toByteArray();
    }
  }
}
