package org.smartassistant.tgbot.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;
import org.smartassistant.tgbot.BotTest;
import org.smartassistant.tgbot.FakeRestService;

class CommandsTest extends BotTest {

  @Test
  void startRegistersTheUserAndSendsTheSecretarysStartupMessage() throws Exception {
    long chat = 5020;
    telegram.pushTextMessage(chat, "/start", "bob", "Bob");

    List<TelegramCall> sent = telegram.awaitSentMessages(chat, 1, PATIENCE);

    UserDto user = rest.userByTelegramId(chat);
    assertThat(user.username()).isEqualTo("bob");
    assertThat(user.firstName()).isEqualTo("Bob");
    assertThat(sent.get(0).text())
        .isEqualTo("Hello, I'm Ada, your secretary. What can I do for you?");
    assertThat(inbox(chat)).isEmpty();
  }

  @Test
  void withSeveralSecretariesStartOffersAChoiceAndTheChoiceIsRecorded() throws Exception {
    long chat = 5021;
    AssistantDto ada = FakeRestService.secretary("Ada", "Ada here. What's up?");
    AssistantDto max = FakeRestService.secretary("Max", "Max at your service.");
    rest.setSecretaries(ada, max);
    telegram.pushCommand(chat, "/start");

    TelegramCall offer = telegram.awaitSentMessages(chat, 1, PATIENCE).get(0);
    assertThat(offer.text()).contains("Ada").contains("Max");
    assertThat(offer.replyMarkup()).contains("secretary:" + max.id());

    telegram.pushCallbackQuery(chat, chat, "secretary:" + max.id(), offer.messageId());

    List<TelegramCall> sent = telegram.awaitSentMessages(chat, 2, PATIENCE);
    assertThat(sent.get(1).text()).isEqualTo("Max at your service.");
    long userId = rest.userByTelegramId(chat).id();
    assertThat(rest.assignedSecretary(userId)).isEqualTo(max.id());
    assertThat(telegram.awaitCalls("answerCallbackQuery", 1, PATIENCE)).hasSize(1);
    TelegramCall edit = telegram.awaitCalls("editMessageText", 1, PATIENCE).get(0);
    assertThat(edit.text()).contains("Max");
    assertThat(edit.param("message_id")).isEqualTo(offer.messageId().toString());
  }

  @Test
  void helpListsTheCommands() throws Exception {
    long chat = 5022;
    telegram.pushCommand(chat, "/help");

    String help = telegram.awaitSentMessages(chat, 1, PATIENCE).get(0).text();

    assertThat(help)
        .contains(
            "/start",
            "/help",
            "/reset",
            "/timezone",
            "/calendar",
            "/reminders",
            "/memory",
            "/forget_all");
  }

  @Test
  void resetPutsAConversationResetIntoTheInboxInOrderWithTheUsersMessages() throws Exception {
    long chat = 5023;
    telegram.pushTextMessage(chat, "before");
    telegram.pushCommand(chat, "/reset");
    telegram.pushTextMessage(chat, "after");

    List<Envelope> inbox = awaitInbox(chat, 3);

    assertThat(inbox)
        .extracting(Envelope::type)
        .containsExactly(
            EnvelopeType.USER_MESSAGE, EnvelopeType.CONVERSATION_RESET, EnvelopeType.USER_MESSAGE);
    assertThat(inbox.get(1).userId()).isEqualTo(rest.userByTelegramId(chat).id());
  }

  @Test
  void timezoneAcceptsAnyCaseAndRejectsUnknownZones() throws Exception {
    long chat = 5024;
    telegram.pushCommand(chat, "/timezone europe/berlin");
    String done = telegram.awaitSentMessages(chat, 1, PATIENCE).get(0).text();

    assertThat(done).contains("Europe/Berlin");
    assertThat(rest.userByTelegramId(chat).timezone()).isEqualTo("Europe/Berlin");

    telegram.pushCommand(chat, "/timezone Mars/Olympus");
    String refused = telegram.awaitSentMessages(chat, 2, PATIENCE).get(1).text();

    assertThat(refused).contains("don't know the time zone").contains("Mars/Olympus");
    assertThat(rest.userByTelegramId(chat).timezone()).isEqualTo("Europe/Berlin");
  }

  @Test
  void remindersListsTheActiveRemindersInTheUsersZone() throws Exception {
    long chat = 5025;
    UserDto user = rest.addUser(chat, UserStatus.ACTIVE); // zone Europe/Lisbon
    rest.addReminder(
        user.id(),
        new ReminderDto(
            UUID.randomUUID(),
            user.id(),
            null,
            ReminderType.ONE_TIME,
            Instant.parse("2030-01-15T09:00:00Z"),
            null,
            null,
            "call <mum>",
            ReminderStatus.ACTIVE,
            null,
            Instant.parse("2030-01-15T09:00:00Z"),
            Instant.EPOCH,
            Instant.EPOCH,
            MissedRunPolicy.DELIVER_LATE));
    telegram.pushCommand(chat, "/reminders");

    String list = telegram.awaitSentMessages(chat, 1, PATIENCE).get(0).text();

    assertThat(list).contains("call &lt;mum&gt;").contains("Tue 15 Jan 2030, 09:00");
  }

  @Test
  void calendarSendsTheAuthorisationLinkOrAPoliteNoticeWhenItIsNotSetUp() throws Exception {
    long chat = 5026;
    telegram.pushCommand(chat, "/calendar");
    String link = telegram.awaitSentMessages(chat, 1, PATIENCE).get(0).text();

    assertThat(link).contains("href=\"" + rest.calendarAuthUrl() + "\"");

    rest.calendarNotConfigured();
    telegram.pushCommand(chat, "/calendar");
    String notice = telegram.awaitSentMessages(chat, 2, PATIENCE).get(1).text();

    assertThat(notice).isEqualTo(CalendarCommand.NOT_CONFIGURED);
  }

  @Test
  void anUnknownCommandGetsAHint() throws Exception {
    long chat = 5027;
    telegram.pushCommand(chat, "/dance");

    String hint = telegram.awaitSentMessages(chat, 1, PATIENCE).get(0).text();

    assertThat(hint).contains("/dance").contains("/help");
    assertThat(inbox(chat)).isEmpty();
  }
}
