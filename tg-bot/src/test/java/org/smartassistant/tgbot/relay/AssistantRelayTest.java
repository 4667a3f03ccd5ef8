package org.smartassistant.tgbot.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.PublishResult;
import org.smartassistant.tgbot.BotTest;
import org.springframework.beans.factory.annotation.Autowired;

class AssistantRelayTest extends BotTest {

  @Autowired AssistantRelay relay;

  @Test
  void anUpdateDeliveredAgainAddsNoSecondEntry() {
    long chat = 5090;
    AssistantRelay.Source source = new AssistantRelay.Source(987_654, 77, chat, chat, 12);

    PublishResult first = relay.userMessage(source, "hello");
    PublishResult again = relay.userMessage(source, "hello");

    assertThat(again.duplicate()).isTrue();
    assertThat(again.recordId()).isEqualTo(first.recordId());
    List<Envelope> entries = inbox(chat);
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).attr("telegramMessageId")).isEqualTo("12");
  }
}
