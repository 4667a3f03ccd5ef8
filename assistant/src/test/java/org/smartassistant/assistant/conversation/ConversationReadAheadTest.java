package org.smartassistant.assistant.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A conversation window read ahead of a turn (with the rate limit, in one round trip) serves only
 * the first load of its own user, within the handling that read it, and not once the window was
 * written again. Redis is real; the window read ahead differs from what Redis holds, so that the
 * test tells which one a load returns.
 */
class ConversationReadAheadTest extends AssistantFlowTest {

  @Autowired ConversationStore conversations;

  private static final Conversation IN_REDIS =
      new Conversation(null, List.of(HistoryMessage.user("as Redis has it")));
  private static final Conversation AHEAD =
      new Conversation(null, List.of(HistoryMessage.user("as read ahead")));

  @Test
  void servesTheFirstLoadOfItsUserWithinTheHandlingOnly() {
    long ann = newUser("Ann", "UTC", "You are Ann's secretary.");
    long bob = newUser("Bob", "UTC", "You are Bob's secretary.");
    String ahead = windowJson(ann, AHEAD);
    conversations.save(ann, IN_REDIS);
    conversations.save(bob, IN_REDIS);

    conversations.readingAhead(
        ann,
        () -> {
          assertThat(conversations.windowKeyToReadAhead(bob)).isNull();
          assertThat(conversations.windowKeyToReadAhead(ann)).isEqualTo(ConversationStore.key(ann));
          conversations.readAhead(ann, ahead);
          assertThat(conversations.windowKeyToReadAhead(ann)).isNull();

          assertThat(conversations.load(bob, 20)).isEqualTo(IN_REDIS);
          assertThat(conversations.load(ann, 20)).isEqualTo(AHEAD);
          // once: a later load reads Redis
          assertThat(conversations.load(ann, 20)).isEqualTo(IN_REDIS);
        });

    // another handling on the same thread reads Redis
    conversations.readingAhead(
        bob,
        () -> {
          conversations.readAhead(ann, ahead);
          assertThat(conversations.load(ann, 20)).isEqualTo(IN_REDIS);
        });
    assertThat(conversations.load(ann, 20)).isEqualTo(IN_REDIS);
  }

  @Test
  void aWindowWrittenSinceItWasReadAheadIsReadAgain() {
    long cleo = newUser("Cleo", "UTC", "You are Cleo's secretary.");
    String ahead = windowJson(cleo, AHEAD);

    conversations.readingAhead(
        cleo,
        () -> {
          conversations.readAhead(cleo, ahead);
          conversations.save(cleo, IN_REDIS);

          assertThat(conversations.load(cleo, 20)).isEqualTo(IN_REDIS);
        });
  }

  /** The window as the store writes it to Redis. */
  private String windowJson(long userId, Conversation conversation) {
    conversations.save(userId, conversation);
    return redis.opsForValue().get(ConversationStore.key(userId));
  }
}
