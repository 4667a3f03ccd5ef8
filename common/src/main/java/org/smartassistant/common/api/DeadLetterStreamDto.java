package org.smartassistant.common.api;

/**
 * A dead-letter stream and how many entries it holds.
 *
 * @param stream the short name used in the API ({@code inbox}, {@code outbox})
 * @param key the Redis key of the dead-letter stream
 * @param size the number of entries
 */
public record DeadLetterStreamDto(String stream, String key, long size) {}
