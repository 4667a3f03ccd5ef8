package org.smartassistant.rest.memories;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much long-term memory one user may have ({@code smart.memories.*}, see docs/rest-api.md).
 *
 * @param maxPerUser how many facts are kept about one user at most ({@code MEMORY_MAX_PER_USER})
 */
@Validated
@ConfigurationProperties("smart.memories")
record MemoryLimits(@DefaultValue("100") @Min(1) int maxPerUser) {}
