package org.smartassistant.tgbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatPacerTest {

  private long now = 1_000_000_000L;
  private final List<Long> waits = new ArrayList<>();

  private ChatPacer pacer(double perChat, int burst, double global, int globalBurst) {
    return new ChatPacer(
        new TelegramProperties.Rate(perChat, burst, global, globalBurst),
        () -> now,
        nanos -> {
          waits.add(TimeUnit.NANOSECONDS.toMillis(nanos));
          now += nanos;
        });
  }

  @Test
  void aShortReplyToAChatIsNeverDelayedAndABurstBeyondItIsPaced() throws Exception {
    ChatPacer pacer = pacer(1, 3, 0, 1);

    for (int i = 0; i < 5; i++) {
      pacer.acquire(42);
    }

    assertThat(waits).containsExactly(1_000L, 1_000L);
  }

  @Test
  void chatsArePacedIndependently() throws Exception {
    ChatPacer pacer = pacer(1, 1, 0, 1);

    pacer.acquire(1);
    pacer.acquire(2);
    pacer.acquire(3);

    assertThat(waits).isEmpty();
  }

  @Test
  void theGlobalRateHoldsAcrossChats() throws Exception {
    ChatPacer pacer = pacer(1, 3, 10, 2);

    for (long chat = 1; chat <= 4; chat++) {
      pacer.acquire(chat);
    }

    assertThat(waits).containsExactly(100L, 100L);
  }

  @Test
  void aRetryAfterHoldsTheChatBack() throws Exception {
    ChatPacer pacer = pacer(1, 3, 0, 1);

    pacer.pause(42, Duration.ofSeconds(2));
    pacer.acquire(42);
    pacer.acquire(7);

    assertThat(waits).containsExactly(2_000L);
  }
}
