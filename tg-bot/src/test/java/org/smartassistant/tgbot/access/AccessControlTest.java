package org.smartassistant.tgbot.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;
import org.smartassistant.tgbot.BotTest;

class AccessControlTest extends BotTest {

  @Test
  void aUserNotOnTheAllowlistIsRefusedOnceAndNothingReachesTheInbox() throws Exception {
    telegram.pushTextMessage(STRANGER, "hello?");
    telegram.pushCommand(STRANGER, "/start");
    int last = telegram.pushTextMessage(STRANGER, "anyone there?");

    telegram.awaitConfirmed(last, PATIENCE);
    List<TelegramCall> answers = telegram.awaitSentMessages(STRANGER, 1, PATIENCE);

    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).text()).contains("private").contains(Long.toString(STRANGER));
    Thread.sleep(500); // a second refusal would have been sent by now
    assertThat(telegram.sentMessages(STRANGER)).hasSize(1);
    assertThat(inbox(STRANGER)).isEmpty();
    assertThat(rest.userByTelegramId(STRANGER)).isNull();
  }

  @Test
  void aUserTheOperatorBlockedIsToldOnceAndNothingReachesTheInbox() throws Exception {
    long chat = 5010;
    rest.addUser(chat, UserStatus.BLOCKED);
    telegram.pushTextMessage(chat, "hi");
    int last = telegram.pushTextMessage(chat, "hi again");

    telegram.awaitConfirmed(last, PATIENCE);
    List<TelegramCall> answers = telegram.awaitSentMessages(chat, 1, PATIENCE);

    assertThat(answers.get(0).text()).contains("paused");
    Thread.sleep(500);
    assertThat(telegram.sentMessages(chat)).hasSize(1);
    assertThat(inbox(chat)).isEmpty();
  }
}
