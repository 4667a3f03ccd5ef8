package org.smartassistant.e2e.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;

/** /start registers the user in rest-service and the secretary greets. */
class StartCommandTest {

  private final TelegramFixture fixture = TelegramFixture.get();

  @Test
  void startCreatesTheUserInRestServiceAndSendsTheStartupMessage() {
    long telegramId = 1001;
    fixture.telegram.pushTextMessage(telegramId, "/start", "grace_h", "Grace");

    List<TelegramCall> sent =
        fixture.telegram.awaitSentMessages(telegramId, 1, TelegramFixture.PATIENCE);

    UserDto user = fixture.rest.userByTelegramId(telegramId);
    assertThat(user.username()).isEqualTo("grace_h");
    assertThat(user.firstName()).isEqualTo("Grace");
    assertThat(user.timezone()).isEqualTo(fixture.rest.settings().defaultTimezone());
    String startupMessage = fixture.rest.userSecretary(user.id()).assistant().startupMessage();
    assertThat(startupMessage).isNotBlank();
    assertThat(sent.get(0).text()).isEqualTo(startupMessage);
  }
}
