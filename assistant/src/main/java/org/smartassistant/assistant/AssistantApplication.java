package org.smartassistant.assistant;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of assistant. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AssistantApplication {

  public static void main(String[] args) {
    SpringApplication.run(AssistantApplication.class, args);
  }
}
