package org.smartassistant.calendar;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Entry point of calendar-service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CalendarServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(CalendarServiceApplication.class, args);
  }

  /** Where "now" is read: OAuth state expiry, token expiry, default event ranges. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
