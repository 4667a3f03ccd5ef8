package org.smartassistant.tgbot.updates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;
import org.smartassistant.tgbot.BotTest;

/**
 * Group chats: the bot hears only what speaks to it (a mention, a reply to it, a command), only in
 * the allowed groups, and the group's conversation belongs to the group, not to the member who
 * speaks. Each test uses a group and members of its own.
 */
class GroupIntakeTest extends BotTest {

  private String mention() {
    return "@" + telegram.botUsername();
  }

  /** Waits until the update is confirmed: everything before it in its chat is taken in too. */
  private void taken(int update) {
    telegram.awaitConfirmed(update, PATIENCE);
  }

  @Test
  void onlyAMentionOrAReplyToTheBotReachesTheInboxAsTheGroupsMessage() throws Exception {
    long group = FIRST_ALLOWED_GROUP - 1;
    taken(telegram.pushGroupMessage(group, 5010, "lunch at noon, anyone?"));
    taken(telegram.pushGroupMessage(group, 5011, "ask @someone_else about it"));
    telegram.pushGroupMessage(group, 5010, mention() + " what is the capital of Peru?");

    List<Envelope> inbox = awaitInbox(group, 1);

    assertThat(inbox).hasSize(1);
    Envelope asked = inbox.get(0);
    UserDto owner = rest.userByTelegramId(group);
    assertThat(owner).as("the group is registered as its conversation's owner").isNotNull();
    assertThat(asked.type()).isEqualTo(EnvelopeType.USER_MESSAGE);
    assertThat(asked.userId()).isEqualTo(owner.id());
    assertThat(asked.text()).isEqualTo("User5010: " + mention() + " what is the capital of Peru?");
    assertThat(asked.attr("telegramChatType")).isEqualTo("supergroup");
    assertThat(asked.attr("telegramUserId")).isEqualTo("5010");
    // the member speaks in the group without being registered by it
    assertThat(rest.userByTelegramId(5010)).isNull();

    // the bot answers; a member replies to that answer, another to a member's message
    reply(owner.id(), group, "Lima.");
    int answer = telegram.awaitSentMessages(group, 1, PATIENCE).get(0).messageId();
    taken(telegram.pushGroupReply(group, 5011, "and of Chile?", answer));
    awaitInbox(group, 2);
    taken(telegram.pushGroupMessage(group, 5010, "thanks!"));
    taken(telegram.pushGroupMessage(group, 5010, "/help@" + telegram.botUsername()));
    telegram.awaitSentMessages(group, 2, PATIENCE);

    assertThat(inbox(group))
        .extracting(Envelope::text)
        .containsExactly(
            "User5010: " + mention() + " what is the capital of Peru?", "User5011: and of Chile?");
  }

  @Test
  void theAnswerRepliesToTheMessageThatAsked() throws Exception {
    long group = FIRST_ALLOWED_GROUP - 2;
    telegram.pushGroupMessage(group, "group", 5020, mention() + " hello", null);
    Envelope asked = awaitInbox(group, 1).get(0);
    assertThat(asked.attr("telegramChatType")).isEqualTo("group");

    Envelope answer =
        Envelope.of(EnvelopeType.REPLY, asked.userId(), group, "Hello!", "assistant", Instant.now())
            .withAttrs(Map.of("telegramMessageId", asked.attr("telegramMessageId")));
    publisher.publish(answer);

    TelegramCall sent = telegram.awaitSentMessages(group, 1, PATIENCE).get(0);
    assertThat(sent.params().path("reply_parameters").path("message_id").asText())
        .isEqualTo(asked.attr("telegramMessageId"));
  }

  @Test
  void aGroupNotOnTheListIsToldOnceAndNothingReachesTheInbox() throws Exception {
    long group = -1009999;
    taken(telegram.pushGroupMessage(group, 5030, "just chatting"));
    taken(telegram.pushGroupMessage(group, 5030, mention() + " hello?"));
    taken(telegram.pushGroupMessage(group, 5031, mention() + " anyone?"));
    telegram.awaitSentMessages(group, 1, PATIENCE);
    taken(telegram.pushGroupMessage(group, 5031, "/help"));

    Thread.sleep(500);
    assertThat(telegram.sentTexts(group)).hasSize(1);
    assertThat(telegram.sentTexts(group).get(0))
        .contains("only answer in groups")
        .contains("-1009999");
    assertThat(inbox(group)).isEmpty();
    assertThat(rest.userByTelegramId(group)).isNull();
  }

  @Test
  void personalCommandsAreSentToAPrivateChatAndResetForgetsTheGroupsConversation()
      throws Exception {
    long group = FIRST_ALLOWED_GROUP - 3;
    taken(telegram.pushGroupMessage(group, 5040, "/reminders"));
    TelegramCall answer = telegram.awaitSentMessages(group, 1, PATIENCE).get(0);
    assertThat(answer.text()).contains("/reminders").contains("private chat");
    assertThat(answer.params().path("reply_parameters").path("message_id").isMissingNode())
        .isFalse();
    assertThat(rest.userByTelegramId(5040)).as("no private registration from a group").isNull();

    taken(telegram.pushGroupMessage(group, 5040, "/start@some_other_bot"));
    taken(telegram.pushGroupMessage(group, 5040, "/roll_dice"));
    telegram.pushGroupMessage(group, 5040, "/reset@" + telegram.botUsername());
    List<Envelope> inbox = awaitInbox(group, 1);

    assertThat(inbox).extracting(Envelope::type).containsExactly(EnvelopeType.CONVERSATION_RESET);
    assertThat(inbox.get(0).userId()).isEqualTo(rest.userByTelegramId(group).id());
    assertThat(telegram.sentTexts(group)).hasSize(1);
  }

  @Test
  void aMemberTheOperatorBlockedIsIgnoredAndAStrangerMaySpeak() throws Exception {
    long group = FIRST_ALLOWED_GROUP - 4;
    rest.addUser(5050, UserStatus.BLOCKED);
    taken(telegram.pushGroupMessage(group, 5050, mention() + " let me in"));
    telegram.pushGroupMessage(group, STRANGER, mention() + " hi from outside the user list");

    List<Envelope> inbox = awaitInbox(group, 1);

    assertThat(inbox)
        .extracting(Envelope::text)
        .containsExactly("User" + STRANGER + ": " + mention() + " hi from outside the user list");
  }

  @Test
  void aGroupThatRefusesTheBotMarksNobodyBlocked() throws Exception {
    long group = FIRST_ALLOWED_GROUP - 5;
    telegram.pushGroupMessage(group, 5060, mention() + " hi");
    Envelope asked = awaitInbox(group, 1).get(0);
    telegram.blockChat(group);

    reply(asked.userId(), group, "Hello there.");
    telegram.awaitCalls("sendMessage", 1, PATIENCE);
    telegram.unblockChat(group);
    reply(asked.userId(), group, "Still here.");

    assertThat(telegram.awaitSentMessages(group, 1, PATIENCE))
        .extracting(TelegramCall::text)
        .containsExactly("Still here.");
    assertThat(rest.requests()).noneMatch(request -> request.startsWith("PATCH"));
  }
}
