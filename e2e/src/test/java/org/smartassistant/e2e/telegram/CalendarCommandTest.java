package org.smartassistant.e2e.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** /calendar reaches calendar-service with the internal token and answers with what it gets. */
class CalendarCommandTest {

  private final TelegramFixture fixture = TelegramFixture.get();

  @Test
  void calendarAnswersWithTheConsentLinkOrSaysGoogleIsNotSetUp() {
    long chat = 1041;
    fixture.telegram.pushCommand(chat, "/calendar");

    String answer =
        fixture.telegram.awaitSentMessages(chat, 1, TelegramFixture.PATIENCE).get(0).text();

    String clientId = fixture.suite.environment().get("GOOGLE_CLIENT_ID");
    if (clientId == null || clientId.isBlank()) {
      assertThat(answer).contains("not set up");
    } else {
      assertThat(answer).contains("<a href=\"http").contains("client_id=" + clientId);
    }
  }
}
