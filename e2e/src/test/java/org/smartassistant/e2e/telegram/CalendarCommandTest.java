package org.smartassistant.e2e.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.smartassistant.e2e.calendar.ConnectPage;
import org.springframework.web.util.HtmlUtils;

/** /calendar reaches calendar-service with the internal token and answers with what it gets. */
class CalendarCommandTest {

  private static final Pattern LINK = Pattern.compile("<a href=\"(http[^\"]+)\">");

  private final TelegramFixture fixture = TelegramFixture.get();

  @Test
  void calendarAnswersWithTheConsentLinkOrSaysGoogleIsNotSetUp() throws Exception {
    long chat = 1041;
    fixture.telegram.pushCommand(chat, "/calendar");

    String answer =
        fixture.telegram.awaitSentMessages(chat, 1, TelegramFixture.PATIENCE).get(0).text();

    String clientId = fixture.suite.environment().get("GOOGLE_CLIENT_ID");
    if (clientId == null || clientId.isBlank()) {
      assertThat(answer).contains("not set up");
    } else {
      Matcher link = LINK.matcher(answer);
      assertThat(link.find()).as(answer).isTrue();
      assertThat(link.group(1)).contains("/auth/connect?state=");
      // the link opens calendar-service's page, which leads on to Google's consent for this client
      assertThat(ConnectPage.continueToGoogle(HtmlUtils.htmlUnescape(link.group(1))))
          .contains("client_id=" + clientId);
    }
  }
}
