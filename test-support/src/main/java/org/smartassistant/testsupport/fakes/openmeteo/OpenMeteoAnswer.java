package org.smartassistant.testsupport.fakes.openmeteo;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A status and JSON body {@link FakeOpenMeteo} answers. */
record OpenMeteoAnswer(int status, ObjectNode body) {

  /** Open-Meteo's error: {@code {"error":true,"reason":...}}. */
  static OpenMeteoAnswer error(int status, String reason) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", true);
    body.put("reason", reason);
    return new OpenMeteoAnswer(status, body);
  }
}
