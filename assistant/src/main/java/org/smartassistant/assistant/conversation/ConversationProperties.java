package org.smartassistant.assistant.conversation;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The conversation window ({@code smart.conversation.*}).
 *
 * @param defaultWindow messages kept in the window when the settings of rest-service give none
 * @param windowTtl how long an idle user's window stays in Redis; after that it is reloaded from
 *     rest-service's durable copy
 * @param turnMemoryTtl how long the answer to an inbox envelope is remembered, so that a message
 *     handled again after a crash is answered with the same text and stored once
 */
@Validated
@ConfigurationProperties("smart.conversation")
public record ConversationProperties(
    @DefaultValue("20") @Min(2) int defaultWindow,
    @DefaultValue("7d") @NotNull Duration windowTtl,
    @DefaultValue("1h") @NotNull Duration turnMemoryTtl) {}
