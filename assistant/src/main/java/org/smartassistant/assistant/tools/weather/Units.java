package org.smartassistant.assistant.tools.weather;

import java.util.Locale;

/** The unit systems the weather tool answers in, with what Open-Meteo is asked for each. */
enum Units {
  METRIC("celsius", "kmh", "°C", "km/h"),
  IMPERIAL("fahrenheit", "mph", "°F", "mph");

  final String temperatureParameter;
  final String windSpeedParameter;
  final String temperatureSymbol;
  final String windSpeedSymbol;

  Units(
      String temperatureParameter,
      String windSpeedParameter,
      String temperatureSymbol,
      String windSpeedSymbol) {
    this.temperatureParameter = temperatureParameter;
    this.windSpeedParameter = windSpeedParameter;
    this.temperatureSymbol = temperatureSymbol;
    this.windSpeedSymbol = windSpeedSymbol;
  }

  /** The units a word names ("metric", "imperial", "fahrenheit", "us", ...), or null. */
  static Units named(Object value) {
    if (value instanceof Units units) {
      return units;
    }
    if (!(value instanceof String text)) {
      return null;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "metric", "si", "celsius", "c", "°c" -> METRIC;
      case "imperial", "us", "fahrenheit", "f", "°f" -> IMPERIAL;
      default -> null;
    };
  }
}
