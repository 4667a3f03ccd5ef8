package org.smartassistant.calendar.oauth;

import org.smartassistant.common.calendar.AuthUrlResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /auth/url/{userId}}: the consent link the assistant or the bot sends a user. */
@RestController
class AuthorizationUrlController {

  private final CalendarConnections connections;

  AuthorizationUrlController(CalendarConnections connections) {
    this.connections = connections;
  }

  @GetMapping("/auth/url/{userId}")
  AuthUrlResponse authorizationUrl(@PathVariable long userId) {
    return connections.authorizationUrl(userId);
  }
}
