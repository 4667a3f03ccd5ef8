package org.smartassistant.rest.command;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.env.SimpleCommandLinePropertySource;

/**
 * The one-shot commands of the service jar, given as {@code --smart.command=<name>}: {@code
 * upgrade} applies pending Flyway migrations and exits; {@code seed} applies them, seeds the
 * default content and exits. Both run without the web server.
 */
public enum OperatorCommand {
  UPGRADE,
  SEED;

  public static final String PROPERTY = "smart.command";

  /** The command named on the command line, if any. */
  public static Optional<String> requested(String[] args) {
    String value = new SimpleCommandLinePropertySource(args).getProperty(PROPERTY);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public static OperatorCommand parse(String value) {
    return Arrays.stream(values())
        .filter(command -> command.name().equalsIgnoreCase(value.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown --smart.command="
                        + value
                        + "; known: "
                        + Arrays.stream(values())
                            .map(command -> command.name().toLowerCase(Locale.ROOT))
                            .toList()));
  }
}
