package org.smartassistant.assistant.media;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Speech to text through an OpenAI-compatible {@code POST /audio/transcriptions} (multipart {@code
 * file} and {@code model}, answered {@code {"text": ...}}): OpenAI, or a local Whisper server. The
 * endpoint refusing the recording (4xx) becomes a sentence for the user; failing (5xx, connection)
 * propagates, so the message is retried.
 */
@Component
class Transcriber {

  static final String REFUSED =
      "I couldn't transcribe that recording; please try again or write your message as text.";

  private static final Logger log = LoggerFactory.getLogger(Transcriber.class);

  private final MediaProperties.Transcription settings;
  private final RestClient client;

  Transcriber(RestClient.Builder builder, MediaProperties properties) {
    this.settings = properties.transcription();
    RestClient.Builder configured = builder.clone();
    if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
      configured.defaultHeader("Authorization", "Bearer " + settings.apiKey().strip());
    }
    this.client =
        settings.configured()
            ? ServiceClients.externalClient(
                configured,
                new ServiceClientProperties(
                    settings.baseUrl().replaceAll("/+$", ""), null, settings.timeout(), 2, null))
            : null;
  }

  boolean configured() {
    return client != null;
  }

  /** What is said in the recording; blank when nothing could be made out. */
  String transcribe(byte[] audio, String fileName) throws UnreadableFileException {
    MultipartBodyBuilder form = new MultipartBodyBuilder();
    form.part(
            "file",
            new ByteArrayResource(audio) {
              @Override
              public String getFilename() {
                return fileName;
              }
            })
        .contentType(MediaType.APPLICATION_OCTET_STREAM);
    form.part("model", settings.model());
    try {
      Answer answer =
          client
              .post()
              .uri("/audio/transcriptions")
              .contentType(MediaType.MULTIPART_FORM_DATA)
              .body(form.build())
              .retrieve()
              .body(Answer.class);
      return answer == null || answer.text() == null ? "" : answer.text().strip();
    } catch (HttpClientErrorException e) {
      log.warn("the transcription endpoint refused a recording: {}", e.getMessage());
      throw new UnreadableFileException(REFUSED);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Answer(String text) {}
}
