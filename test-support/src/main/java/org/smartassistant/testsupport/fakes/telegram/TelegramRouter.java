package org.smartassistant.testsupport.fakes.telegram;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes a request to {@code /bot<token>/<method>} apart and routes it: getUpdates to {@link
 * TelegramUpdates}; any other method, once past {@link TelegramFaults}, to its handler, the call
 * counted and recorded with its answer.
 */
final class TelegramRouter implements HttpHandler {

  private final TelegramState state;
  private final TelegramFaults faults;
  private final TelegramCallLog calls;
  private final TelegramUpdates updates;
  private final TelegramObjects objects;
  private final TelegramMessages messages;
  private final TelegramWebhookPoster webhook;
  private final TelegramFileStore files;

  // guarded by the state's lock
  private JsonNode myCommands = JsonNodeFactory.instance.arrayNode();

  TelegramRouter(
      TelegramState state,
      TelegramFaults faults,
      TelegramCallLog calls,
      TelegramUpdates updates,
      TelegramObjects objects,
      TelegramWebhookPoster webhook,
      TelegramFileStore files) {
    this.webhook = webhook;
    this.state = state;
    this.files = files;
    this.faults = faults;
    this.calls = calls;
    this.updates = updates;
    this.objects = objects;
    this.messages = new TelegramMessages(objects);
    state.onReset(() -> myCommands = JsonNodeFactory.instance.arrayNode());
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Instant receivedAt = Instant.now();
    String path = exchange.getRequestURI().getPath();
    String[] segments = path.split("/");
    // /file/bot<token>/<file_path>: a file download
    if (segments.length >= 4 && segments[1].equals("file") && segments[2].startsWith("bot")) {
      String prefix = "/file/" + segments[2] + "/";
      calls.count("file");
      files.download(exchange, segments[2].substring(3), path.substring(prefix.length()));
      return;
    }
    // /bot<token>/<method>, or /bot<token>/test/<method> for TelegramUrl(..., testServer=true)
    if (segments.length < 3 || !segments[1].startsWith("bot")) {
      FakeHttpServer.respond(
          exchange, 404, Map.of(), TelegramAnswer.errorBody(404, "Not Found", null));
      return;
    }
    String token = segments[1].substring(3);
    String method = TelegramMethods.canonical(segments[segments.length - 1]);
    ObjectNode params = TelegramParams.params(exchange, FakeHttpServer.readBody(exchange));
    String lower = method.toLowerCase(Locale.ROOT);
    if (lower.equals(TelegramMethods.GET_UPDATES)) {
      updates.getUpdates(exchange, token, params);
      return;
    }
    calls.count(method);
    TelegramAnswer answer =
        state.read(
            () -> {
              TelegramAnswer decided = answer(lower, token, params);
              calls.record(method, params, receivedAt, decided);
              return decided;
            });
    FakeHttpServer.respond(exchange, answer.status(), Map.of(), answer.body());
  }

  /** Decides the answer to a call of the method (lower case); runs under the lock. */
  private TelegramAnswer answer(String method, String token, ObjectNode params) {
    TelegramAnswer refusal = faults.refusal(method, token, params);
    if (refusal != null) {
      return refusal;
    }
    Long chatId = TelegramParams.chatIdOf(params);
    TelegramAnswer blocked = faults.blocked(chatId);
    if (blocked != null) {
      return blocked;
    }
    return switch (method) {
      case "sendmessage" -> messages.sendMessage(params, chatId);
      case "editmessagetext" -> messages.editMessageText(params, chatId);
      case "editmessagereplymarkup" -> messages.editMessageReplyMarkup(params, chatId);
      case "getfile" -> files.getFile(params);
      case "getme" -> TelegramAnswer.success(objects.botUser());
      case "getwebhookinfo" -> TelegramAnswer.success(objects.webhookInfo(updates.pendingLocked()));
      case "getmycommands" -> TelegramAnswer.success(myCommands.deepCopy());
      case "getchat" ->
          chatId == null
              ? TelegramAnswer.badRequest("chat not found")
              : TelegramAnswer.success(objects.chat(chatId, chatId > 0 ? chatId : null));
      default -> {
        if (!TelegramMethods.answersTrue(method)) {
          yield TelegramAnswer.rejected(404, "Not Found");
        }
        if (method.equals("setwebhook")) {
          webhook.set(
              TelegramParams.textOf(params, "url"), TelegramParams.textOf(params, "secret_token"));
        } else if (method.equals("deletewebhook")) {
          webhook.delete();
        }
        if (method.equals("setmycommands") && params.get("commands") != null) {
          myCommands = TelegramParams.jsonValue(params.get("commands"));
        }
        yield TelegramAnswer.success(JsonNodeFactory.instance.booleanNode(true));
      }
    };
  }
}
