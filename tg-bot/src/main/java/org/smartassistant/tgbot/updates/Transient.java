package org.smartassistant.tgbot.updates;

import org.springframework.dao.DataAccessException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

/** Whether a failure is an outage worth waiting out (Redis, rest-service) rather than a bug. */
final class Transient {

  private Transient() {}

  static boolean isTransient(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof DataAccessException
          || t instanceof ResourceAccessException
          || t instanceof HttpServerErrorException
          || t instanceof io.lettuce.core.RedisException) {
        return true;
      }
    }
    return false;
  }
}
