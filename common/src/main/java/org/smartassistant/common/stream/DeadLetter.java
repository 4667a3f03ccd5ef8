package org.smartassistant.common.stream;

/**
 * An entry a {@link StreamConsumer} gave up on, as written to {@code <stream>:dlq}.
 *
 * @param stream the stream the entry came from
 * @param recordId the entry's id in that stream
 * @param envelope the decoded envelope, or null when the entry was not a valid envelope
 * @param rawEnvelope the entry's {@code envelope} field as found (null when absent)
 * @param error why it failed: the last exception's type and message
 * @param attempts how many times the entry was delivered; an unparseable entry is dead-lettered at
 *     its first delivery without reaching the handler
 */
public record DeadLetter(
    String stream,
    String recordId,
    Envelope envelope,
    String rawEnvelope,
    String error,
    int attempts) {}
