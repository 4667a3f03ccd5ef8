package org.smartassistant.tgbot.telegram;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long "typing…" is kept up while the assistant works on a message ({@code
 * smart.telegram.typing.*}, {@link ChatTyping}).
 *
 * @param every how often it is renewed; Telegram shows it for about 5 s
 * @param atMost when it stops even without an answer: the assistant's message deadline ({@code
 *     MESSAGE_DEADLINE}, 120 s) by default
 */
@Validated
@ConfigurationProperties("smart.telegram.typing")
public record TypingProperties(
    @DefaultValue("4s") @NotNull Duration every, @DefaultValue("120s") @NotNull Duration atMost) {}
