package org.smartassistant.assistant.tools;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of tool use ({@code smart.tools.*}).
 *
 * @param maxCallsPerMessage tool calls allowed while answering one message; further calls are
 *     refused with a sentence telling the model to answer, so a confused model cannot loop forever
 */
@Validated
@ConfigurationProperties("smart.tools")
public record ToolProperties(@DefaultValue("10") @Min(1) int maxCallsPerMessage) {}
