package org.smartassistant.calendar;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of calendar-service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CalendarServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(CalendarServiceApplication.class, args);
  }
}
