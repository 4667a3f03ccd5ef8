package org.smartassistant.assistant.tools.subassistant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of delegation between assistants ({@code smart.delegation.*}).
 *
 * @param maxDepth how many delegations may be nested while answering one message (secretary →
 *     Writer is one); a further {@code sub_assistant} call is refused with a sentence, so two
 *     assistants that delegate to each other cannot call models without end
 */
@Validated
@ConfigurationProperties("smart.delegation")
public record DelegationProperties(@DefaultValue("2") @Min(1) @Max(10) int maxDepth) {}
