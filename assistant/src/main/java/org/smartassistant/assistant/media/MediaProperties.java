package org.smartassistant.assistant.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What the assistant does with the files users send (docs/telegram.md, "Files").
 *
 * @param tgBotUrl tg-bot, which hands out the users' Telegram files ({@code TG_BOT_URL})
 * @param fileReadTimeout how long fetching one file from tg-bot may take
 * @param transcription the speech-to-text endpoint for voice notes and audio files
 * @param imageMaxSize the largest photo given to a model ({@code IMAGE_MAX_SIZE})
 * @param documentMaxSize the largest document read ({@code DOCUMENT_MAX_SIZE})
 * @param documentMaxChars the characters of a document's text given to the model at most ({@code
 *     DOCUMENT_MAX_CHARS}); the rest is cut with a note
 */
@ConfigurationProperties("smart.media")
public record MediaProperties(
    String tgBotUrl,
    Duration fileReadTimeout,
    Transcription transcription,
    DataSize imageMaxSize,
    DataSize documentMaxSize,
    Integer documentMaxChars) {

  public MediaProperties {
    tgBotUrl = tgBotUrl == null || tgBotUrl.isBlank() ? "http://localhost:8020" : tgBotUrl;
    fileReadTimeout = fileReadTimeout == null ? Duration.ofSeconds(60) : fileReadTimeout;
    transcription =
        transcription == null ? new Transcription(null, null, null, null, null) : transcription;
    imageMaxSize = imageMaxSize == null ? DataSize.ofMegabytes(10) : imageMaxSize;
    documentMaxSize = documentMaxSize == null ? DataSize.ofMegabytes(10) : documentMaxSize;
    documentMaxChars = documentMaxChars == null ? 20_000 : documentMaxChars;
    if (documentMaxChars < 1) {
      throw new IllegalArgumentException("DOCUMENT_MAX_CHARS must be positive");
    }
  }

  /**
   * An OpenAI-compatible {@code POST <baseUrl>/audio/transcriptions} (OpenAI, or a local Whisper
   * server).
   *
   * @param baseUrl with {@code /v1}, like {@code OPENAI_BASE_URL} ({@code TRANSCRIPTION_BASE_URL});
   *     blank: voice notes are not transcribed and the user is told so
   * @param apiKey sent as a bearer token when not blank ({@code TRANSCRIPTION_API_KEY})
   * @param model the {@code model} field ({@code TRANSCRIPTION_MODEL})
   * @param maxSize the largest recording sent ({@code TRANSCRIPTION_MAX_SIZE})
   * @param timeout how long one transcription may take
   */
  public record Transcription(
      String baseUrl, String apiKey, String model, DataSize maxSize, Duration timeout) {

    public Transcription {
      model = model == null || model.isBlank() ? "whisper-1" : model;
      maxSize = maxSize == null ? DataSize.ofMegabytes(20) : maxSize;
      timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
    }

    /** Whether voice notes can be transcribed at all. */
    public boolean configured() {
      return baseUrl != null && !baseUrl.isBlank();
    }
  }
}
