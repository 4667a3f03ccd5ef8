package org.smartassistant.assistant.inbox;

import org.smartassistant.common.stream.StreamConsumer;
import org.smartassistant.common.stream.StreamConsumers;
import org.smartassistant.common.stream.Streams;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer of {@code assistant:inbox} in group {@code assistant}: common's stream consumer
 * (acknowledge after the work, reclaim, dedupe, dead letters, per-user order) running the {@link
 * InboxDispatcher}. As a bean it starts with the application and, on shutdown, finishes the
 * messages in hand without acknowledging anything unfinished.
 */
@Configuration(proxyBeanMethods = false)
class InboxConfiguration {

  @Bean
  StreamConsumer inboxConsumer(
      StreamConsumers consumers,
      InboxDispatcher dispatcher,
      DeadLetterReplies deadLetters,
      InboxProperties properties) {
    return consumers.create(
        consumers
            .settings(Streams.INBOX, Streams.ASSISTANT_GROUP)
            .withParallelism(properties.parallelism()),
        dispatcher,
        deadLetters);
  }
}
