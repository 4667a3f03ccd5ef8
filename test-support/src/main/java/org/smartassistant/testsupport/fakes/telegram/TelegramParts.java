package org.smartassistant.testsupport.fakes.telegram;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import org.smartassistant.testsupport.fakes.FakeHttpServer;

/**
 * {@link FakeTelegramBotApi}'s parts, wired to one shared {@link TelegramState}: the faults, the
 * call log, the update queue and the user's updates, with the server whose requests {@link
 * TelegramRouter} routes to them. The facade forwards to these; tests use the facade.
 */
final class TelegramParts {

  private final TelegramState state = new TelegramState();
  private final TelegramFaults faults = new TelegramFaults(state);
  private final TelegramCallLog calls = new TelegramCallLog(state);
  private final FakeHttpServer http;
  private final TelegramUpdates updates;
  private final UserUpdates userUpdates;
  private final TelegramRouter router;
  private final TextUpdates textUpdates;
  private final TelegramWebhookPoster webhook;
  private final TelegramFileStore files = new TelegramFileStore(state, faults);

  /** The parts of a fake on the given port (0 for a free one); the server is not started. */
  TelegramParts(String name, int port) {
    TelegramObjects objects = new TelegramObjects(state);
    this.http = new FakeHttpServer(name, port, this::route);
    this.updates = new TelegramUpdates(state, http, faults, calls);
    this.userUpdates = new UserUpdates(updates, objects, calls, files);
    this.textUpdates = new TextUpdates(objects, calls);
    this.webhook = new TelegramWebhookPoster(state, updates);
    this.router = new TelegramRouter(state, faults, calls, updates, objects, webhook, files);
  }

  TextUpdates textUpdates() {
    return textUpdates;
  }

  TelegramWebhookPoster webhook() {
    return webhook;
  }

  private void route(HttpExchange exchange) throws IOException {
    router.handle(exchange);
  }

  FakeHttpServer http() {
    return http;
  }

  TelegramFaults faults() {
    return faults;
  }

  TelegramCallLog calls() {
    return calls;
  }

  TelegramUpdates updates() {
    return updates;
  }

  UserUpdates userUpdates() {
    return userUpdates;
  }

  /**
   * Every part forgets, at once, what tests set and what the bot did; update and message ids keep
   * growing.
   */
  void reset() {
    state.reset();
  }
}
