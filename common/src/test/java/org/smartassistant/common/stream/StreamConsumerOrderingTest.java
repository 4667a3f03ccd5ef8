package org.smartassistant.common.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of a consumer in one group (as two assistant processes would be) must still handle
 * each user's envelopes one at a time and in order, while different users overlap.
 */
class StreamConsumerOrderingTest {

  private static final int USERS = 3;
  private static final int MESSAGES_PER_USER = 20;

  private final StreamFixture streams = new StreamFixture();

  @AfterEach
  void cleanUp() {
    streams.close();
  }

  @Test
  void keepsEachUsersOrderWithTwoConsumerInstancesInOneGroup() {
    Map<Long, List<Integer>> order = new ConcurrentHashMap<>();
    Map<Long, AtomicInteger> activePerUser = new ConcurrentHashMap<>();
    AtomicInteger active = new AtomicInteger();
    AtomicInteger mostActiveAtOnce = new AtomicInteger();
    List<String> overlapsWithinAUser = new CopyOnWriteArrayList<>();
    Map<String, AtomicInteger> handledByInstance = new ConcurrentHashMap<>();

    List<StreamConsumer> instances = new ArrayList<>();
    for (String instance : List.of("one", "two")) {
      AtomicInteger mine = handledByInstance.computeIfAbsent(instance, i -> new AtomicInteger());
      instances.add(
          streams.consumer(
              // one handler each, room for two users: each instance has to leave entries to the
              // other
              s -> s.withBatchSize(2).withParallelism(1),
              envelope -> {
                long user = envelope.userId();
                if (activePerUser.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet()
                    > 1) {
                  overlapsWithinAUser.add("user " + user + " at " + envelope.text());
                }
                mostActiveAtOnce.accumulateAndGet(active.incrementAndGet(), Math::max);
                try {
                  Thread.sleep(ThreadLocalRandom.current().nextInt(2, 12));
                  order
                      .computeIfAbsent(user, u -> new CopyOnWriteArrayList<>())
                      .add(Integer.parseInt(envelope.text()));
                  mine.incrementAndGet();
                } finally {
                  active.decrementAndGet();
                  activePerUser.get(user).decrementAndGet();
                }
              },
              DeadLetterHandler.NONE,
              new SimpleMeterRegistry()));
    }

    for (int i = 0; i < MESSAGES_PER_USER; i++) {
      for (long user = 1; user <= USERS; user++) {
        streams.publish(user, Integer.toString(i));
      }
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                order.values().stream().mapToInt(List::size).sum() == USERS * MESSAGES_PER_USER
                    && streams.pending() == 0);
    List<Integer> expected = IntStream.range(0, MESSAGES_PER_USER).boxed().toList();
    for (long user = 1; user <= USERS; user++) {
      assertThat(order.get(user)).as("order of user %d", user).isEqualTo(expected);
    }
    assertThat(overlapsWithinAUser).isEmpty();
    assertThat(mostActiveAtOnce.get()).as("different users overlap in time").isGreaterThan(1);
    assertThat(handledByInstance.values())
        .as("both instances took part")
        .allSatisfy(count -> assertThat(count.get()).isPositive());
  }
}
