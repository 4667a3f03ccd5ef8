package org.smartassistant.assistant.outbox;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Whether a reply to a user's message is streamed while the model writes it ({@code
 * smart.streaming.*}, docs/telegram.md "Streamed replies").
 *
 * @param enabled stream the model's answer and publish drafts of it ({@code TELEGRAM_STREAMING});
 *     off: the model is asked in one request and only the reply is published, as before
 * @param draftInterval at least this long between two drafts of one reply ({@code
 *     TELEGRAM_DRAFT_INTERVAL})
 * @param firstDraftAfter no draft before the model has been writing the reply this long ({@code
 *     TELEGRAM_FIRST_DRAFT_AFTER}, counted from its first text): an answer written faster goes out
 *     without any draft, however long the model took to begin; the first draft of a slower one
 *     carries the text written by then
 */
@Validated
@ConfigurationProperties("smart.streaming")
public record StreamingProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1s") @NotNull Duration draftInterval,
    @DefaultValue("300ms") @NotNull Duration firstDraftAfter) {}
