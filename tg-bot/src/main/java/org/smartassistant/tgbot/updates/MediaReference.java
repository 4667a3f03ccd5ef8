package org.smartassistant.tgbot.updates;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

/**
 * The file of a voice note, audio file, photo or document as a reference (Telegram's {@code
 * file_id}, size, type, name) for the envelope: the intake never downloads, so a large file never
 * holds up polling; the assistant fetches it when it answers (docs/telegram.md, "Files").
 *
 * @param kind {@code voice}, {@code audio}, {@code photo} or {@code document}
 * @param fileId Telegram's file id
 * @param size the size Telegram announced, or null
 * @param mimeType the MIME type Telegram announced, or null
 * @param fileName the file name, or null
 */
record MediaReference(String kind, String fileId, Long size, String mimeType, String fileName) {

  /** The file the message carries, or empty for texts and for kinds the assistant cannot read. */
  static Optional<MediaReference> of(Message message) {
    if (message.hasVoice()) {
      var voice = message.getVoice();
      return Optional.of(
          new MediaReference(
              "voice", voice.getFileId(), voice.getFileSize(), voice.getMimeType(), null));
    }
    if (message.hasAudio()) {
      var audio = message.getAudio();
      return Optional.of(
          new MediaReference(
              "audio",
              audio.getFileId(),
              audio.getFileSize(),
              audio.getMimeType(),
              audio.getFileName()));
    }
    if (message.hasPhoto()) {
      // Telegram sends every size it made; the largest is the original
      List<PhotoSize> sizes = message.getPhoto();
      PhotoSize largest =
          sizes.stream()
              .max(Comparator.comparingLong((PhotoSize p) -> (long) p.getWidth() * p.getHeight()))
              .orElseThrow();
      Long size = largest.getFileSize() == null ? null : largest.getFileSize().longValue();
      return Optional.of(
          new MediaReference("photo", largest.getFileId(), size, "image/jpeg", null));
    }
    if (message.hasDocument()) {
      var document = message.getDocument();
      return Optional.of(
          new MediaReference(
              "document",
              document.getFileId(),
              document.getFileSize(),
              document.getMimeType(),
              document.getFileName()));
    }
    return Optional.empty();
  }

  /** The envelope attributes naming the file (docs/streams.md). */
  Map<String, String> attrs() {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put(EnvelopeAttribute.MEDIA_KIND.wireName(), kind);
    attrs.put(EnvelopeAttribute.TELEGRAM_FILE_ID.wireName(), fileId);
    if (size != null) {
      attrs.put(EnvelopeAttribute.FILE_SIZE.wireName(), size.toString());
    }
    if (mimeType != null) {
      attrs.put(EnvelopeAttribute.FILE_MIME_TYPE.wireName(), mimeType);
    }
    if (fileName != null) {
      attrs.put(EnvelopeAttribute.FILE_NAME.wireName(), fileName);
    }
    return attrs;
  }
}
