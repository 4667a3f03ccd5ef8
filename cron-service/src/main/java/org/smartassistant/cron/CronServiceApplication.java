package org.smartassistant.cron;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of cron-service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CronServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(CronServiceApplication.class, args);
  }
}
