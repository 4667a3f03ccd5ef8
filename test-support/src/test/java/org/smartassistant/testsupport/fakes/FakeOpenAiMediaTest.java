package org.smartassistant.testsupport.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.testsupport.fakes.OpenAiTranscriptions.Transcription;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The fake OpenAI API's image parts (recorded from what Spring AI's OpenAI client sends) and its
 * {@code /v1/audio/transcriptions} (multipart, as OpenAI takes it).
 */
class FakeOpenAiMediaTest {

  private FakeOpenAi llm;

  @BeforeEach
  void startFake() {
    llm = new FakeOpenAi().start();
  }

  @AfterEach
  void stopFake() {
    llm.close();
  }

  @Test
  void anImageSentBySpringAiIsRecordedAsAnImagePartWithItsText() {
    byte[] image = {(byte) 0xFF, (byte) 0xD8, 42, 43};
    UserMessage message =
        UserMessage.builder()
            .text("What is in this picture?")
            .media(new Media(MimeTypeUtils.IMAGE_JPEG, new ByteArrayResource(image)))
            .build();

    chat().prompt().messages(message).call().content();

    OpenAiMessage asked = llm.lastRequest().lastUserMessage();
    assertThat(asked.content()).isEqualTo("What is in this picture?");
    assertThat(asked.imageUrls()).singleElement().asString().startsWith("data:image/jpeg;base64,");
    assertThat(asked.inlineImages()).singleElement().isEqualTo(image);
  }

  @Test
  void aTextOnlyMessageHasNoImages() {
    chat().prompt().user("just words").call().content();

    assertThat(llm.lastRequest().lastUserMessage().imageUrls()).isEmpty();
  }

  @Test
  void aTranscriptionIsAnsweredWithTheAudioReadAsTextAndRecorded() {
    MultipartBodyBuilder form = new MultipartBodyBuilder();
    form.part("file", named("note.ogg", "buy more coffee"))
        .contentType(MediaType.parseMediaType("audio/ogg"));
    form.part("model", "whisper-1");

    JsonNode answer =
        client()
            .post()
            .uri("/audio/transcriptions")
            .header("Authorization", "Bearer sk-test")
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(form.build())
            .retrieve()
            .body(JsonNode.class);

    assertThat(answer.get("text").asString()).isEqualTo("buy more coffee");
    Transcription recorded = llm.transcriptions().requests().get(0);
    assertThat(recorded.model()).isEqualTo("whisper-1");
    assertThat(recorded.fileName()).isEqualTo("note.ogg");
    assertThat(recorded.contentType()).isEqualTo("audio/ogg");
    assertThat(recorded.apiKey()).isEqualTo("sk-test");
    assertThat(new String(recorded.audio(), StandardCharsets.UTF_8)).isEqualTo("buy more coffee");
  }

  @Test
  void aTranscriptionWithoutAModelIsRefusedAsOpenAiDoes() {
    MultipartBodyBuilder form = new MultipartBodyBuilder();
    form.part("file", named("note.ogg", "x"));

    assertThatThrownBy(
            () ->
                client()
                    .post()
                    .uri("/audio/transcriptions")
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(form.build())
                    .retrieve()
                    .toBodilessEntity())
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e -> {
              assertThat(e.getStatusCode().value()).isEqualTo(400);
              assertThat(e.getResponseBodyAsString()).contains("'model'");
            });
    assertThat(llm.transcriptions().requests()).isEmpty();
  }

  @Test
  void aTestCanSayWhatIsTranscribed() {
    llm.transcriptions().transcribeWith(audio -> "a fixed transcript");
    MultipartBodyBuilder form = new MultipartBodyBuilder();
    form.part("file", named("note.ogg", "ignored"));
    form.part("model", "whisper-1");

    JsonNode answer =
        client()
            .post()
            .uri("/audio/transcriptions")
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(form.build())
            .retrieve()
            .body(JsonNode.class);

    assertThat(answer.get("text").asString()).isEqualTo("a fixed transcript");
  }

  private RestClient client() {
    return RestClient.builder().baseUrl(llm.apiUrl()).build();
  }

  private static ByteArrayResource named(String fileName, String content) {
    return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return fileName;
      }
    };
  }

  private ChatClient chat() {
    return ChatClient.create(
        OpenAiChatModel.builder()
            .options(
                OpenAiChatOptions.builder()
                    .baseUrl(llm.apiUrl())
                    .apiKey("sk-test")
                    .model("gpt-4o-mini")
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(10))
                    .build())
            .build());
  }
}
