package org.smartassistant.e2e;

/** The five services of the suite: module name, port variable and the Spring app name. */
public enum Service {
  REST("rest-service", "REST_SERVICE_PORT"),
  CALENDAR("calendar-service", "CALENDAR_SERVICE_PORT"),
  ASSISTANT("assistant", "ASSISTANT_PORT"),
  TG_BOT("tg-bot", "TG_BOT_PORT"),
  CRON("cron-service", "CRON_SERVICE_PORT");

  private final String module;
  private final String portVariable;

  Service(String module, String portVariable) {
    this.module = module;
    this.portVariable = portVariable;
  }

  public String module() {
    return module;
  }

  public String portVariable() {
    return portVariable;
  }
}
