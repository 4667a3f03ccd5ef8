package org.smartassistant.common.api;

/**
 * What a replay of a dead letter did.
 *
 * @param deadLetterId the dead-letter entry that was replayed (and removed)
 * @param stream the short name of the stream it went back to
 * @param recordId the new entry's id in that stream
 * @param envelopeId the replayed envelope's id (unchanged, so its effects stay idempotent)
 */
public record ReplayResultDto(
    String deadLetterId, String stream, String recordId, String envelopeId) {}
