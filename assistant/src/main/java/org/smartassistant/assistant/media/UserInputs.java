package org.smartassistant.assistant.media;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.util.unit.DataSize;

/**
 * Turns a {@code user_message} into what the secretary is given: its text; or, for a file (the
 * envelope names it, tg-bot hands it out), a voice note's or audio file's transcript, a photo as an
 * image with its caption when the secretary's model takes images, a document's text (cut to a
 * limit). A file that cannot be given becomes one sentence for the user. Limits are checked on the
 * size Telegram announced before anything is fetched, and again on what arrived.
 */
@Component
public class UserInputs {

  static final String NO_TRANSCRIPTION =
      "I can't listen to voice messages here yet, so please write your message as text.";
  static final String AUDIO_TOO_BIG =
      "That recording is too large for me to transcribe (the limit is %s); please send a shorter"
          + " one or write it as text.";
  static final String NO_WORDS =
      "I couldn't make out any words in that recording; please try again or write it as text.";
  static final String NO_IMAGES =
      "My current model can't look at pictures, so please describe what's in the photo in words.";
  static final String IMAGE_TOO_BIG =
      "That picture is too large for me (the limit is %s); please send a smaller one.";
  static final String DOCUMENT_TYPE =
      "I can read plain text, Markdown, CSV and PDF documents, but not %s; please send it in one of"
          + " those formats or paste the text.";
  static final String DOCUMENT_TOO_BIG =
      "That document is too large for me (the limit is %s); please send a smaller one or paste the"
          + " part that matters.";
  static final String NO_TEXT =
      "I couldn't find any text in that document (a scanned PDF has none I can read); please paste"
          + " the text instead.";
  static final String UNKNOWN_KIND =
      "I can read texts, voice notes, photos and documents, but not this kind of message.";
  static final String CUT_NOTE =
      "[The document is longer: only its first %d characters are given here.]";

  private static final Logger log = LoggerFactory.getLogger(UserInputs.class);

  private final TelegramFileClient files;
  private final Transcriber transcriber;
  private final MediaProperties properties;

  UserInputs(TelegramFileClient files, Transcriber transcriber, MediaProperties properties) {
    this.files = files;
    this.transcriber = transcriber;
    this.properties = properties;
  }

  /** What the secretary is given for the envelope (its speaker's model decides about images). */
  public UserInput read(Envelope envelope, AssistantDto secretary) {
    String kind = envelope.attr(EnvelopeAttribute.MEDIA_KIND);
    if (kind == null) {
      return UserInput.text(envelope.text() == null ? "" : envelope.text());
    }
    String caption = envelope.text() == null ? "" : envelope.text().strip();
    try {
      return switch (kind) {
        case "voice", "audio" -> recording(envelope, caption);
        case "photo" -> photo(envelope, caption, secretary);
        case "document" -> document(envelope, caption);
        default -> UserInput.refused(UNKNOWN_KIND);
      };
    } catch (UnreadableFileException e) {
      log.info("file of message {} not given to the model: {}", envelope.id(), e.getMessage());
      return UserInput.refused(e.getMessage());
    }
  }

  private UserInput recording(Envelope envelope, String caption) throws UnreadableFileException {
    if (!transcriber.configured()) {
      return UserInput.refused(NO_TRANSCRIPTION);
    }
    DataSize limit = properties.transcription().maxSize();
    byte[] audio = fetch(envelope, limit, AUDIO_TOO_BIG);
    String name = envelope.attr(EnvelopeAttribute.FILE_NAME);
    String transcript = transcriber.transcribe(audio, name != null ? name : fileNameFor(envelope));
    if (transcript.isBlank()) {
      return UserInput.refused(NO_WORDS);
    }
    String text = caption.isEmpty() ? transcript : transcript + "\n\n" + caption;
    return UserInput.text(text);
  }

  private UserInput photo(Envelope envelope, String caption, AssistantDto secretary)
      throws UnreadableFileException {
    if (secretary == null || !secretary.takesImages()) {
      return UserInput.refused(NO_IMAGES);
    }
    byte[] image = fetch(envelope, properties.imageMaxSize(), IMAGE_TOO_BIG);
    Media media = new Media(imageType(envelope), new ByteArrayResource(image));
    String text = caption.isEmpty() ? "(a photo without a caption)" : caption;
    UserMessage message = UserMessage.builder().text(text).media(media).build();
    return UserInput.of(message, caption.isEmpty() ? "[photo]" : "[photo] " + caption);
  }

  private UserInput document(Envelope envelope, String caption) throws UnreadableFileException {
    String name = envelope.attr(EnvelopeAttribute.FILE_NAME);
    String mime = envelope.attr(EnvelopeAttribute.FILE_MIME_TYPE);
    Optional<DocumentText.Kind> kind = DocumentText.kindOf(mime, name);
    if (kind.isEmpty()) {
      return UserInput.refused(String.format(DOCUMENT_TYPE, describe(name, mime)));
    }
    byte[] content = fetch(envelope, properties.documentMaxSize(), DOCUMENT_TOO_BIG);
    String text = DocumentText.read(kind.get(), content).strip();
    if (text.isEmpty()) {
      return UserInput.refused(NO_TEXT);
    }
    int cap = properties.documentMaxChars();
    if (text.length() > cap) {
      text = text.substring(0, cap) + "\n" + String.format(CUT_NOTE, cap);
    }
    String header = "[document: " + (name == null ? "unnamed" : name) + "]";
    String given = (caption.isEmpty() ? "" : caption + "\n\n") + header + "\n" + text;
    return UserInput.text(given);
  }

  /** The file's bytes, refused with the sentence when it is (or turns out) over the limit. */
  private byte[] fetch(Envelope envelope, DataSize limit, String tooBig)
      throws UnreadableFileException {
    String announced = envelope.attr(EnvelopeAttribute.FILE_SIZE);
    if (announced != null && Long.parseLong(announced) > limit.toBytes()) {
      throw new UnreadableFileException(String.format(tooBig, readable(limit)));
    }
    byte[] bytes = files.fetch(envelope.attr(EnvelopeAttribute.TELEGRAM_FILE_ID));
    if (bytes.length > limit.toBytes()) {
      throw new UnreadableFileException(String.format(tooBig, readable(limit)));
    }
    return bytes;
  }

  private static MimeType imageType(Envelope envelope) {
    String mime = envelope.attr(EnvelopeAttribute.FILE_MIME_TYPE);
    return mime != null && mime.startsWith("image/")
        ? MimeTypeUtils.parseMimeType(mime)
        : MimeTypeUtils.IMAGE_JPEG;
  }

  private static String fileNameFor(Envelope envelope) {
    String mime = envelope.attr(EnvelopeAttribute.FILE_MIME_TYPE);
    String extension = mime == null ? "ogg" : mime.substring(mime.indexOf('/') + 1);
    return "voice." + (extension.equals("mpeg") ? "mp3" : extension);
  }

  private static String describe(String name, String mime) {
    if (name != null && name.contains(".")) {
      return name.substring(name.lastIndexOf('.')).toLowerCase(Locale.ROOT) + " files";
    }
    return mime == null ? "this kind of file" : mime + " files";
  }

  static String readable(DataSize size) {
    long bytes = size.toBytes();
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return size.toMegabytes() + " MB";
    }
    if (bytes >= 1024) {
      return size.toKilobytes() + " KB";
    }
    return bytes + " bytes";
  }
}
