package org.smartassistant.assistant.inbox;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The inbox consumer ({@code smart.inbox.*}); the rest of its settings are the stream defaults
 * ({@code smart.streams.consumer.*}).
 *
 * @param parallelism messages of different users handled at once; mostly waiting for the model, so
 *     many more than there are cores
 */
@Validated
@ConfigurationProperties("smart.inbox")
public record InboxProperties(@DefaultValue("256") @Min(1) int parallelism) {}
