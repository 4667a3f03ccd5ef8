package org.smartassistant.common.api;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Makes an active secretary assistant the user's secretary, replacing the previous one. */
public record SetSecretaryRequest(@NotNull UUID assistantId) {}
