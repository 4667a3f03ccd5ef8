package org.smartassistant.assistant.outbox;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.stream.Envelope;
import org.springframework.stereotype.Component;

/**
 * Drafts of a reply being written: the text so far, published as {@code draft} envelopes
 * (docs/streams.md, "Draft envelopes") at most once per {@code smart.streaming.draft-interval}, the
 * first once the model has been writing the reply for {@code smart.streaming.first-draft-after} (an
 * answer that arrives at once, however long the model took to begin, has no draft). Best effort: a
 * draft that cannot be published is skipped, since the reply itself follows in any case.
 */
@Component
public class ReplyDrafts {

  private static final Logger log = LoggerFactory.getLogger(ReplyDrafts.class);

  private final Outbox outbox;
  private final StreamingProperties properties;

  ReplyDrafts(Outbox outbox, StreamingProperties properties) {
    this.outbox = outbox;
    this.properties = properties;
  }

  /** Whether replies are streamed with drafts ({@code TELEGRAM_STREAMING}). */
  public boolean enabled() {
    return properties.enabled();
  }

  /**
   * What receives the text so far of the reply to {@code inbox}: it publishes a draft once the
   * first text came the first draft's delay ago and the interval since the last draft has passed,
   * and drops the text otherwise (a later one replaces it). One per reply; used by one thread.
   */
  public Consumer<String> of(Envelope inbox, long chatId) {
    long interval = properties.draftInterval().toNanos();
    long firstAfter = properties.firstDraftAfter().toNanos();
    return new Consumer<>() {
      private long firstText;
      private boolean writing;
      private long last;
      private boolean published;

      @Override
      public void accept(String text) {
        long now = System.nanoTime();
        if (!writing) {
          writing = true;
          firstText = now;
        }
        if (published ? now - last < interval : now - firstText < firstAfter) {
          return;
        }
        published = true;
        last = now;
        try {
          outbox.draft(inbox, chatId, text);
        } catch (RuntimeException e) {
          log.debug("draft of the reply to {} not published: {}", inbox.id(), e.toString());
        }
      }
    };
  }
}
