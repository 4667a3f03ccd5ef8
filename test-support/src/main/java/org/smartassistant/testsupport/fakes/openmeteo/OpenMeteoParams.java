package org.smartassistant.testsupport.fakes.openmeteo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query parameters of {@link FakeOpenMeteo} read as Open-Meteo reads them, refusing what it
 * refuses with its own reasons, and the units it converts metric values to.
 */
final class OpenMeteoParams {

  private OpenMeteoParams() {}

  static List<String> variables(Map<String, String> params, String key, List<String> known) {
    String value = params.get(key);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> names = Arrays.stream(value.split(",")).map(String::trim).toList();
    for (String name : names) {
      if (!known.contains(name)) {
        throw new BadParameter(
            "Cannot initialize ForecastVariable from invalid String value "
                + name
                + " for key "
                + key);
      }
    }
    return names;
  }

  static double coordinate(Map<String, String> params, String key, double limit) {
    String value = params.get(key);
    if (value == null) {
      throw new BadParameter("Parameter '" + key + "' is required");
    }
    double parsed;
    try {
      parsed = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new BadParameter("Value of type 'Float' required for key '" + key + "'.");
    }
    if (Double.isNaN(parsed) || Math.abs(parsed) > limit) {
      String label = key.substring(0, 1).toUpperCase(Locale.ROOT) + key.substring(1);
      throw new BadParameter(
          label
              + " must be in range of -"
              + (int) limit
              + " to "
              + (int) limit
              + "°. Given: "
              + parsed
              + ".");
    }
    return parsed;
  }

  static int integer(Map<String, String> params, String key, int absent) {
    String value = params.get(key);
    if (value == null) {
      return absent;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new BadParameter("Value of type 'Int' required for key '" + key + "'.");
    }
  }

  enum Temperature {
    CELSIUS("°C"),
    FAHRENHEIT("°F");

    final String unit;

    Temperature(String unit) {
      this.unit = unit;
    }

    static Temperature of(String parameter) {
      return switch (parameter) {
        case "celsius" -> CELSIUS;
        case "fahrenheit" -> FAHRENHEIT;
        default ->
            throw new BadParameter(
                "Cannot initialize TemperatureUnit from invalid String value " + parameter);
      };
    }

    double convert(double celsius) {
      return oneDecimal(this == CELSIUS ? celsius : celsius * 9 / 5 + 32);
    }
  }

  enum Wind {
    KMH("km/h", 1),
    MS("m/s", 3.6),
    MPH("mp/h", 1.609344),
    KN("kn", 1.852);

    final String unit;
    final double kmhPerUnit;

    Wind(String unit, double kmhPerUnit) {
      this.unit = unit;
      this.kmhPerUnit = kmhPerUnit;
    }

    static Wind of(String parameter) {
      return switch (parameter) {
        case "kmh" -> KMH;
        case "ms" -> MS;
        case "mph" -> MPH;
        case "kn" -> KN;
        default ->
            throw new BadParameter(
                "Cannot initialize WindspeedUnit from invalid String value " + parameter);
      };
    }

    double convert(double kmh) {
      return oneDecimal(kmh / kmhPerUnit);
    }
  }

  static double oneDecimal(double value) {
    return Math.round(value * 10) / 10.0;
  }

  /** A parameter Open-Meteo would refuse with 400. */
  static final class BadParameter extends RuntimeException {
    BadParameter(String reason) {
      super(reason);
    }
  }
}
