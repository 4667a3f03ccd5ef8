package org.smartassistant.assistant.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The two stages of a user message in the assistant that lie on the user's way, as the benchmark's
 * breakdown reads them: its admission (the user read, the rate limit), then its reply, one after
 * the other and each once per message.
 */
class StageTimersTest extends AssistantFlowTest {

  @Autowired MeterRegistry meters;

  @Test
  void anAnsweredMessageIsAdmittedOnceAndRepliedToOnce() {
    long user = newUser("Timed", "UTC", "You are Timed's secretary.");
    awaitProcessed();
    long admissions = count(InboxDispatcher.ADMISSION_OBSERVATION);
    long replies = count(UserMessageHandler.REPLY_OBSERVATION);

    awaitAnswer(send(user, "hello"));
    awaitProcessed();

    assertThat(count(InboxDispatcher.ADMISSION_OBSERVATION)).isEqualTo(admissions + 1);
    assertThat(count(UserMessageHandler.REPLY_OBSERVATION)).isEqualTo(replies + 1);
  }

  @Test
  void aBlockedUsersMessageIsAdmittedNeverRepliedTo() {
    long user = newUser("Refused", "UTC", "You are Refused's secretary.");
    rest.block(user);
    awaitProcessed();
    long admissions = count(InboxDispatcher.ADMISSION_OBSERVATION);
    long replies = count(UserMessageHandler.REPLY_OBSERVATION);

    send(user, "hello?");
    awaitProcessed();

    assertThat(count(InboxDispatcher.ADMISSION_OBSERVATION)).isEqualTo(admissions + 1);
    assertThat(count(UserMessageHandler.REPLY_OBSERVATION)).isEqualTo(replies);
  }

  private long count(String timer) {
    Timer found = meters.find(timer).timer();
    return found == null ? 0 : found.count();
  }
}
