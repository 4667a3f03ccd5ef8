package org.smartassistant.testsupport.fakes.telegram;

import com.sun.net.httpserver.HttpExchange;
import java.util.HashMap;
import java.util.Map;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The files users sent in the fake's updates, as Telegram serves them to bots: {@code getFile}
 * answers a File object with a {@code file_path} (or "Bad Request: invalid file_id", or "Bad
 * Request: file is too big" over 20 MB), and {@code GET /file/bot<token>/<file_path>} gives the
 * bytes (404 "Not Found" for an unknown path or another bot's token).
 */
final class TelegramFileStore {

  /** Telegram's limit on files bots may download. */
  static final long MAX_DOWNLOAD_BYTES = 20L * 1024 * 1024;

  private record StoredFile(String fileId, String path, byte[] content, long size) {}

  private final TelegramState state;
  private final TelegramFaults faults;

  // guarded by the state's lock
  private final Map<String, StoredFile> byId = new HashMap<>();
  private final Map<String, StoredFile> byPath = new HashMap<>();
  private long nextFile = 1;

  TelegramFileStore(TelegramState state, TelegramFaults faults) {
    this.state = state;
    this.faults = faults;
    state.onReset(
        () -> {
          byId.clear();
          byPath.clear();
        });
  }

  /**
   * Keeps a file a user sends (under the lock); its announced {@code size} may exceed its content
   * to stand for a big file. Returns its {@code file_id}.
   */
  String add(String folder, String extension, byte[] content, long size) {
    long n = nextFile++;
    String fileId = "AgAD" + folder + n;
    String path = folder + "/file_" + n + "." + extension;
    StoredFile file = new StoredFile(fileId, path, content.clone(), size);
    byId.put(fileId, file);
    byPath.put(path, file);
    return fileId;
  }

  /** The answer to {@code getFile} (under the lock). */
  TelegramAnswer getFile(ObjectNode params) {
    JsonNode id = params.get("file_id");
    StoredFile file = id == null ? null : byId.get(id.asString());
    if (file == null) {
      return TelegramAnswer.badRequest("invalid file_id");
    }
    if (file.size() > MAX_DOWNLOAD_BYTES) {
      return TelegramAnswer.badRequest("file is too big");
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("file_id", file.fileId());
    result.put("file_unique_id", "u" + file.fileId());
    result.put("file_size", file.size());
    result.put("file_path", file.path());
    return TelegramAnswer.success(result);
  }

  /** Answers {@code GET /file/bot<token>/<path>}. */
  void download(HttpExchange exchange, String token, String path) {
    byte[] content =
        state.read(
            () -> {
              StoredFile file = byPath.get(path);
              return file == null || !faults.tokenAccepted(token) ? null : file.content();
            });
    if (content == null) {
      FakeHttpServer.respond(
          exchange, 404, Map.of(), TelegramAnswer.errorBody(404, "Not Found", null));
      return;
    }
    FakeHttpServer.respond(exchange, 200, "application/octet-stream", content);
  }
}
