package org.smartassistant.testsupport.fakes.telegram;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The updates a test pushes to {@link FakeTelegramBotApi} as a user's doing: text messages (a
 * command with its {@code bot_command} entity), presses on inline buttons, non-text messages, or
 * any update as JSON. Each is built under the shared lock as it is queued, so ids and names are
 * consistent.
 */
final class UserUpdates {

  private final TelegramUpdates queue;
  private final TelegramObjects objects;
  private final TelegramCallLog calls;
  private final TelegramFileStore files;
  private final JsonMapper json = JsonMapper.builder().build();

  // guarded by the state's lock
  private long nextCallbackId = 4_000_000_000_000L;

  UserUpdates(
      TelegramUpdates queue,
      TelegramObjects objects,
      TelegramCallLog calls,
      TelegramFileStore files) {
    this.queue = queue;
    this.files = files;
    this.objects = objects;
    this.calls = calls;
  }

  /** A text message in the chat from the user; null names keep the user's earlier ones. */
  int pushTextMessage(long chatId, long userId, String text, String username, String firstName) {
    return queue.push(
        updateId -> {
          ObjectNode message = objects.message(chatId, userId, username, firstName);
          message.put("text", text);
          if (text.startsWith("/")) {
            int end = text.indexOf(' ');
            ObjectNode entity = message.putArray("entities").addObject();
            entity.put("offset", 0);
            entity.put("length", end < 0 ? text.length() : end);
            entity.put("type", "bot_command");
          }
          return TelegramObjects.update(updateId, "message", message);
        });
  }

  /** A press on an inline keyboard button under the bot's message {@code messageId}. */
  int pushCallbackQuery(long userId, long chatId, String data, int messageId) {
    return queue.push(
        updateId -> {
          ObjectNode query = JsonNodeFactory.instance.objectNode();
          query.put("id", Long.toString(nextCallbackId++));
          query.set("from", objects.user(userId, null, null));
          ObjectNode message = query.putObject("message");
          message.put("message_id", messageId);
          message.set("from", objects.botUser());
          message.set("chat", objects.chat(chatId, userId));
          message.put("date", Instant.now().getEpochSecond());
          message.put("text", calls.textOfSent(chatId, messageId));
          query.put("chat_instance", Long.toString(chatId * 31 + 7));
          query.put("data", data);
          return TelegramObjects.update(updateId, "callback_query", query);
        });
  }

  /**
   * A voice message, photo, sticker, document, video or location (no text, and a file nobody can
   * fetch) in the user's private chat.
   */
  int pushNonText(long userId, NonTextKind kind) {
    return queue.push(
        updateId -> {
          ObjectNode message = objects.message(userId, userId, null, null);
          attach(message, kind, "file-" + updateId);
          return TelegramObjects.update(updateId, "message", message);
        });
  }

  /**
   * A voice note, audio file, photo or document with a file the bot can fetch ({@code getFile} and
   * the download); {@code size} is what Telegram announces (may exceed the content to stand for a
   * big file); null name, MIME type and caption are left out.
   */
  int pushFile(
      long userId,
      MediaKind kind,
      byte[] content,
      long size,
      String fileName,
      String mimeType,
      String caption) {
    return queue.push(
        updateId -> {
          ObjectNode message = objects.message(userId, userId, null, null);
          String folder =
              switch (kind) {
                case VOICE -> "voice";
                case AUDIO -> "music";
                case PHOTO -> "photos";
                case DOCUMENT -> "documents";
              };
          String extension =
              switch (kind) {
                case VOICE -> "oga";
                case PHOTO -> "jpg";
                default ->
                    fileName != null && fileName.contains(".")
                        ? fileName.substring(fileName.lastIndexOf('.') + 1)
                        : "bin";
              };
          String fileId = files.add(folder, extension, content, size);
          ObjectNode file;
          if (kind == MediaKind.PHOTO) {
            // Telegram sends a small preview and the original; the bot should take the larger
            ObjectNode thumb = message.putArray("photo").addObject();
            thumb.put("file_id", files.add(folder, extension, new byte[] {1}, 1));
            thumb.put("file_unique_id", "thumb" + updateId);
            thumb.put("width", 90);
            thumb.put("height", 60);
            thumb.put("file_size", 1);
            file = ((tools.jackson.databind.node.ArrayNode) message.get("photo")).addObject();
            file.put("width", 1280);
            file.put("height", 853);
          } else {
            file = message.putObject(kind.field());
          }
          file.put("file_id", fileId);
          file.put("file_unique_id", "u" + fileId);
          file.put("file_size", size);
          if (kind == MediaKind.VOICE || kind == MediaKind.AUDIO) {
            file.put("duration", 3);
          }
          if (fileName != null && kind != MediaKind.PHOTO && kind != MediaKind.VOICE) {
            file.put("file_name", fileName);
          }
          if (mimeType != null && kind != MediaKind.PHOTO) {
            file.put("mime_type", mimeType);
          }
          if (caption != null) {
            message.put("caption", caption);
          }
          return TelegramObjects.update(updateId, "message", message);
        });
  }

  /** Any update as a JSON object; its {@code update_id} is replaced by the next one. */
  int pushRawUpdate(String updateJson) {
    JsonNode parsed = json.readTree(updateJson);
    if (!(parsed instanceof ObjectNode object)) {
      throw new IllegalArgumentException("an update must be a JSON object: " + updateJson);
    }
    return queue.push(
        updateId -> {
          ObjectNode update = object.deepCopy();
          update.put("update_id", updateId);
          return update;
        });
  }

  private static void attach(ObjectNode message, NonTextKind kind, String fileId) {
    switch (kind) {
      case VOICE -> {
        ObjectNode voice = message.putObject("voice");
        voice.put("file_id", fileId);
        voice.put("file_unique_id", "u" + fileId);
        voice.put("duration", 3);
        voice.put("mime_type", "audio/ogg");
        voice.put("file_size", 4711);
      }
      case PHOTO -> {
        ObjectNode photo = message.putArray("photo").addObject();
        photo.put("file_id", fileId);
        photo.put("file_unique_id", "u" + fileId);
        photo.put("width", 90);
        photo.put("height", 60);
        photo.put("file_size", 1234);
      }
      case STICKER -> {
        ObjectNode sticker = message.putObject("sticker");
        sticker.put("file_id", fileId);
        sticker.put("file_unique_id", "u" + fileId);
        sticker.put("type", "regular");
        sticker.put("width", 512);
        sticker.put("height", 512);
        sticker.put("is_animated", false);
        sticker.put("is_video", false);
        sticker.put("emoji", "\uD83D\uDC4D");
      }
      case DOCUMENT -> {
        ObjectNode document = message.putObject("document");
        document.put("file_id", fileId);
        document.put("file_unique_id", "u" + fileId);
        document.put("file_name", "notes.pdf");
        document.put("mime_type", "application/pdf");
        document.put("file_size", 2048);
      }
      case VIDEO -> {
        ObjectNode video = message.putObject("video");
        video.put("file_id", fileId);
        video.put("file_unique_id", "u" + fileId);
        video.put("width", 640);
        video.put("height", 360);
        video.put("duration", 5);
        video.put("mime_type", "video/mp4");
        video.put("file_size", 50_000);
      }
      case LOCATION -> {
        ObjectNode location = message.putObject("location");
        location.put("latitude", 52.52);
        location.put("longitude", 13.405);
      }
    }
  }
}
