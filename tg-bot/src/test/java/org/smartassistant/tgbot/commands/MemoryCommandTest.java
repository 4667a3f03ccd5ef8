package org.smartassistant.tgbot.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;
import org.smartassistant.tgbot.BotTest;

/**
 * {@code /memory} lists and forgets what the assistant keeps about the user; {@code /forget_all}.
 */
class MemoryCommandTest extends BotTest {

  @Test
  void memoryListsTheFactsNumberedAndAButtonForgetsOne() throws Exception {
    long chat = 5071;
    UserDto user = rest.addUser(chat, UserStatus.ACTIVE);
    MemoryDto daughter = rest.addMemory(user.id(), "My daughter is <Mia>");
    MemoryDto meetings = rest.addMemory(user.id(), "Prefers meetings after 10");
    telegram.pushCommand(chat, "/memory");

    TelegramCall list = telegram.awaitSentMessages(chat, 1, PATIENCE).get(0);

    assertThat(list.text())
        .contains("What I remember about you")
        .contains("1. Prefers meetings after 10")
        .contains("2. My daughter is &lt;Mia&gt;")
        .contains("send /forget_all to forget all");
    assertThat(list.replyMarkup())
        .contains("memory:forget:" + meetings.id())
        .contains("memory:forget:" + daughter.id());

    telegram.pushCallbackQuery(chat, chat, "memory:forget:" + daughter.id(), list.messageId());

    List<TelegramCall> sent = telegram.awaitSentMessages(chat, 2, PATIENCE);
    assertThat(rest.memories(user.id())).containsExactly(meetings);
    assertThat(sent.get(1).text()).contains("1. Prefers meetings after 10").doesNotContain("Mia");
    assertThat(telegram.awaitCalls("answerCallbackQuery", 1, PATIENCE).get(0).text())
        .isEqualTo("Forgotten.");
  }

  @Test
  void aForgedButtonNeverForgetsAnotherUsersFact() throws Exception {
    long chat = 5072;
    UserDto user = rest.addUser(chat, UserStatus.ACTIVE);
    UserDto other = rest.addUser(5073, UserStatus.ACTIVE);
    MemoryDto others = rest.addMemory(other.id(), "Her son is Tom");
    rest.addMemory(user.id(), "Likes tea");

    telegram.pushCallbackQuery(chat, chat, "memory:forget:" + others.id(), 1);

    telegram.awaitSentMessages(chat, 1, PATIENCE);
    assertThat(rest.memories(other.id())).containsExactly(others);
    assertThat(rest.memories(user.id())).hasSize(1);
  }

  @Test
  void memoryDeleteForgetsTheNthFactAndAnUnknownNumberIsExplained() throws Exception {
    long chat = 5074;
    UserDto user = rest.addUser(chat, UserStatus.ACTIVE);
    MemoryDto tea = rest.addMemory(user.id(), "Likes tea");
    rest.addMemory(user.id(), "Lives in Bern");

    telegram.pushCommand(chat, "/memory delete 1");
    assertThat(telegram.awaitSentMessages(chat, 1, PATIENCE).get(0).text())
        .isEqualTo("Forgotten: Lives in Bern");
    assertThat(rest.memories(user.id())).containsExactly(tea);

    telegram.pushCommand(chat, "/memory delete 7");
    assertThat(telegram.awaitSentMessages(chat, 2, PATIENCE).get(1).text())
        .isEqualTo("There is no fact number 7. Send /memory to see the numbers.");
    assertThat(rest.memories(user.id())).containsExactly(tea);
  }

  @Test
  void forgetAllForgetsEverythingAndAnEmptyMemorySaysSo() throws Exception {
    long chat = 5075;
    UserDto user = rest.addUser(chat, UserStatus.ACTIVE);
    rest.addMemory(user.id(), "Likes tea");
    rest.addMemory(user.id(), "Lives in Bern");

    telegram.pushCommand(chat, "/forget_all");
    assertThat(telegram.awaitSentMessages(chat, 1, PATIENCE).get(0).text())
        .startsWith("Done: I've forgotten everything");
    await().until(() -> rest.memories(user.id()).isEmpty());

    telegram.pushCommand(chat, "/memory");
    assertThat(telegram.awaitSentMessages(chat, 2, PATIENCE).get(1).text())
        .startsWith("I don't remember anything about you yet.");
  }
}
