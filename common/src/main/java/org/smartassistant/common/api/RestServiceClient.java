package org.smartassistant.common.api;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The typed client of rest-service's {@code /api}. Built by {@code ServiceClients.create}, it adds
 * the internal token, timeouts and retries.
 */
@HttpExchange("/api")
public interface RestServiceClient {

  @GetExchange("/users/by-telegram/{telegramId}")
  UserDto userByTelegramId(@PathVariable long telegramId);
}
