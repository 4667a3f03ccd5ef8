package org.smartassistant.common.stream;

/**
 * What {@link EnvelopePublisher} did.
 *
 * @param recordId the stream entry id that carries the envelope
 * @param duplicate true when an idempotency key had been used already: nothing was added and {@code
 *     recordId} is the entry added the first time
 */
public record PublishResult(String recordId, boolean duplicate) {}
