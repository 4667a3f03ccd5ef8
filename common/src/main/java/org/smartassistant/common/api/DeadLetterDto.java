package org.smartassistant.common.api;

/**
 * One entry of a dead-letter stream ({@code <stream>:dlq}), as the API shows it.
 *
 * @param id the entry's id in the dead-letter stream
 * @param stream the short name of the stream it came from ({@code inbox}, {@code outbox})
 * @param originalId the entry's id in that stream when it failed
 * @param group the consumer group that gave up on it
 * @param consumer the consumer that dead-lettered it
 * @param error the last failure: exception type and message
 * @param attempts how many times it was delivered
 * @param failedAt when it was dead-lettered (ISO-8601)
 * @param envelope the entry's envelope as stored (JSON text), null when absent
 * @param replayable whether the envelope can be replayed (it parses as an envelope)
 */
public record DeadLetterDto(
    String id,
    String stream,
    String originalId,
    String group,
    String consumer,
    String error,
    int attempts,
    String failedAt,
    String envelope,
    boolean replayable) {}
