package org.smartassistant.common.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Changes the given settings; a null field is left as it is. */
public record UpdateSettingsRequest(
    @Size(max = 64) String defaultTimezone,
    @Size(min = 2, max = 16) String defaultLanguage,
    @Min(1) @Max(500) Integer historyWindow,
    UUID defaultSecretaryId) {}
