package org.smartassistant.rest;

import java.util.Optional;
import org.smartassistant.rest.command.OperatorCommand;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point of rest-service. With {@code --smart.command=upgrade|seed} it runs that command
 * without a web server and exits (0 on success).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RestServiceApplication {

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(RestServiceApplication.class);
    Optional<String> command = OperatorCommand.requested(args);
    if (command.isEmpty()) {
      application.run(args);
      return;
    }
    try {
      OperatorCommand.parse(command.get()); // fail before starting anything on a typo
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
    // the context prepared at build time (Spring AOT, jvm.rest-service.options) is the server's;
    // a command has no web server and its own runner bean, so it builds its context as usual
    System.setProperty(AotDetector.AOT_ENABLED, "false");
    application.setWebApplicationType(WebApplicationType.NONE);
    int status;
    try {
      ConfigurableApplicationContext context = application.run(args);
      status = SpringApplication.exit(context);
    } catch (RuntimeException e) {
      // Spring Boot has reported the failure already
      status = 1;
    }
    System.exit(status);
  }
}
