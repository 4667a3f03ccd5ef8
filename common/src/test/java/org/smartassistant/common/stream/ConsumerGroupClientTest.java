package org.smartassistant.common.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.stream.StreamInfo;

class ConsumerGroupClientTest {

  private final StreamFixture streams = new StreamFixture();

  @AfterEach
  void cleanUp() {
    streams.close();
  }

  @Test
  void forgetsDepartedConsumersButNeverOneWithPendingEntries() throws Exception {
    ConsumerGroupClient departed = client("departed");
    ConsumerGroupClient holding = client("holding");
    ConsumerGroupClient self = client("self");
    self.ensureGroup();
    streams.publish(1, "handled by an instance that has stopped since");
    departed.acknowledge(departed.readNew(1, Duration.ofMillis(100)).get(0).id());
    streams.publish(1, "still pending at a dead consumer");
    assertThat(holding.readNew(1, Duration.ofMillis(100))).hasSize(1);
    streams.publish(2, "handled by this instance");
    self.acknowledge(self.readNew(1, Duration.ofMillis(100)).get(0).id());
    Thread.sleep(100);

    int removed = self.forgetDepartedConsumers(Duration.ofMillis(50));

    assertThat(removed).isEqualTo(1);
    assertThat(consumerNames()).containsExactlyInAnyOrder("holding", "self");
    assertThat(streams.pending()).isEqualTo(1);
    for (ConsumerGroupClient client : List.of(departed, holding, self)) {
      client.closeReader();
    }
  }

  @Test
  void creatingAnExistingGroupAgainIsHarmless() {
    ConsumerGroupClient client = client("one");
    client.ensureGroup();
    streams.publish(1, "hello");

    client.ensureGroup();

    assertThat(client.readNew(10, Duration.ofMillis(100))).hasSize(1);
    client.closeReader();
  }

  private ConsumerGroupClient client(String name) {
    return new ConsumerGroupClient(streams.redis, streams.stream, StreamFixture.GROUP, name);
  }

  private List<String> consumerNames() {
    return streams.redis.opsForStream().consumers(streams.stream, StreamFixture.GROUP).stream()
        .map(StreamInfo.XInfoConsumer::consumerName)
        .toList();
  }
}
