package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.CreateReminderRequest;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.e2e.Suite;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiMessage;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.smartassistant.testsupport.fakes.telegram.FakeTelegramBotApi;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Group chats through the whole suite. In an allowed group the bot answers a mention and a reply to
 * it, and nothing else reaches the model; the group's conversation is apart from each member's
 * private one; the reminder tools list nobody's reminders in a group; a group not on the list never
 * reaches the model.
 */
class GroupChatTest {

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.llm;
  final FakeTelegramBotApi telegram = fixture.telegram;

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  private String mention() {
    return "@" + telegram.botUsername();
  }

  /** Waits until the group shows these messages, each as last edited. */
  private void awaitShown(long group, List<String> texts) {
    await()
        .atMost(ConversationFixture.PATIENCE)
        .untilAsserted(
            () ->
                assertThat(telegram.shownTexts(group))
                    .as("what the group shows; its calls: %s", callsTo(group))
                    .isEqualTo(texts));
  }

  private List<TelegramCall> callsTo(long group) {
    return telegram.calls().stream()
        .filter(call -> Long.valueOf(group).equals(call.chatId()))
        .toList();
  }

  private List<OpenAiRequest> requestsMentioning(String text) {
    return llm.requests().stream().filter(request -> request.body().contains(text)).toList();
  }

  @Test
  void theBotAnswersAMentionAndAReplyInTheGroupsOwnConversationAndHearsNothingElse() {
    long group = Suite.FIRST_ALLOWED_GROUP;
    UserDto greta = fixture.start(1144, "Greta", "Europe/Berlin");
    fixture.say(greta, "My locker code is 4711.");

    telegram.pushGroupMessage(group, 1144, "Is anyone up for lunch? Not the bot.");
    telegram.pushGroupMessage(group, 1145, mention() + " when does the canteen open?");
    String firstAnswer = "You said: User1145: " + mention() + " when does the canteen open?";
    awaitShown(group, List.of(firstAnswer));
    // the answer is one message: its first draft, edited until it is the whole answer
    TelegramCall first = telegram.sentMessages(group).get(0);
    telegram.pushGroupReply(group, 1144, "And when does it close?", first.messageId());
    awaitShown(group, List.of(firstAnswer, "You said: Greta: And when does it close?"));

    assertThat(telegram.sentMessages(group)).hasSize(2);
    // each answer replies to the message that asked
    assertThat(first.params().path("reply_parameters").path("message_id").isMissingNode())
        .isFalse();
    assertThat(requestsMentioning("Not the bot")).as("unaddressed chatter").isEmpty();

    // the group's turns carry the group's history and nothing of Greta's private chat
    OpenAiRequest groupTurn = requestsMentioning("And when does it close?").get(0);
    assertThat(groupTurn.messages())
        .extracting(OpenAiMessage::content)
        .contains("User1145: " + mention() + " when does the canteen open?")
        .noneMatch(content -> content != null && content.contains("4711"));
    assertThat(groupTurn.systemPrompt()).doesNotContain("Name: Greta.");

    // and Greta's private chat carries nothing of the group's
    fixture.say(greta, "What did I tell you?");
    OpenAiRequest privateTurn = requestsMentioning("What did I tell you?").get(0);
    assertThat(privateTurn.messages())
        .extracting(OpenAiMessage::content)
        .contains("My locker code is 4711.")
        .noneMatch(content -> content != null && content.contains("canteen"));

    // the group's history is stored under the group, four messages, none of them the chatter
    // (each turn stores what was said after its reply)
    UserDto owner = fixture.rest.userByTelegramId(group);
    await()
        .atMost(ConversationFixture.PATIENCE)
        .untilAsserted(
            () ->
                assertThat(fixture.rest.messages(owner.id(), null, null))
                    .extracting(MessageDto::content)
                    .hasSize(4)
                    .noneMatch(content -> content.contains("Not the bot")));
  }

  @Test
  void reminderListAskedInAGroupListsNobodysReminders() {
    long group = Suite.FIRST_ALLOWED_GROUP - 1;
    UserDto hugo = fixture.start(1146, "Hugo", "UTC");
    fixture.rest.createReminder(
        CreateReminderRequest.oneTime(
            hugo.id(), Instant.now().plus(1, ChronoUnit.DAYS), "Hugo's secret appointment"));
    String groupName = "Group " + group;
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains(groupName)) {
            return null;
          }
          if (request.answersToolCalls()) {
            return OpenAiAnswer.text("The tool said: " + request.lastMessage().content());
          }
          return OpenAiAnswer.toolCall("reminder_list", "{}");
        });

    telegram.pushGroupMessage(group, 1146, mention() + " list my reminders please");
    String answer =
        await()
            .atMost(ConversationFixture.PATIENCE)
            .until(
                () -> telegram.shownTexts(group),
                shown -> shown.size() == 1 && shown.get(0).startsWith("The tool said: "))
            .get(0);

    assertThat(answer).contains("private chat").doesNotContain("secret appointment");
    assertThat(llm.requests())
        .noneMatch(request -> request.body().contains("Hugo's secret appointment"));
  }

  @Test
  void aGroupNotOnTheListGetsNothingFromTheModel() {
    long group = -1009998;
    telegram.pushGroupMessage(group, 1147, mention() + " are you there?");
    String refusal =
        telegram.awaitSentMessages(group, 1, ConversationFixture.PATIENCE).get(0).text();
    int last = telegram.pushGroupMessage(group, 1147, mention() + " hello again?");
    // confirmed only once taken in: had it gone to the inbox, it would be there by now
    telegram.awaitConfirmed(last, ConversationFixture.PATIENCE);

    assertThat(refusal).contains("only answer in groups");
    assertThat(telegram.sentTexts(group)).hasSize(1);
    assertThat(llm.requests()).isEmpty();
    assertThatThrownBy(() -> fixture.rest.userByTelegramId(group))
        .as("the group has no conversation")
        .isInstanceOf(HttpClientErrorException.NotFound.class);
  }
}
