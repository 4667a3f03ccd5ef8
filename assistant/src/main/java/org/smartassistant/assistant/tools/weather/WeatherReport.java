package org.smartassistant.assistant.tools.weather;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes an Open-Meteo forecast as the compact text the model reads: the place and its local time,
 * the conditions now, then one line a day. Values are rounded to whole units, as people say them.
 */
final class WeatherReport {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private WeatherReport() {}

  static String describe(GeocodedPlace place, ForecastResponse forecast, Units units) {
    StringBuilder text = new StringBuilder("Weather for ").append(place.label());
    ForecastResponse.Current now = forecast.current();
    LocalDate today = null;
    if (now != null && now.time() != null) {
      today = now.time().toLocalDate();
      text.append(" (local time ")
          .append(DAY.format(now.time()))
          .append(", ")
          .append(TIME.format(now.time()))
          .append(')');
    }
    text.append(':');
    int lines = 0;
    if (now != null) {
      List<String> conditions = current(now, units);
      if (!conditions.isEmpty()) {
        text.append("\nNow: ").append(String.join(", ", conditions)).append('.');
        lines++;
      }
    }
    ForecastResponse.Daily daily = forecast.daily();
    for (int i = 0; daily != null && i < daily.size(); i++) {
      LocalDate date = daily.time().get(i);
      text.append('\n')
          .append(dayLabel(date, today))
          .append(": ")
          .append(String.join(", ", day(daily, i, units)))
          .append('.');
      lines++;
    }
    if (lines == 0) {
      text.append(" Open-Meteo has no data for this place right now.");
    }
    return text.toString();
  }

  private static List<String> current(ForecastResponse.Current now, Units units) {
    List<String> parts = new ArrayList<>();
    if (now.weatherCode() != null) {
      parts.add(WmoWeatherCode.describe(now.weatherCode()));
    }
    if (now.temperature() != null) {
      String temperature = degrees(now.temperature(), units);
      if (now.apparentTemperature() != null) {
        temperature += " (feels like " + degrees(now.apparentTemperature(), units) + ")";
      }
      parts.add(temperature);
    }
    if (now.relativeHumidity() != null) {
      parts.add("humidity " + Math.round(now.relativeHumidity()) + "%");
    }
    if (now.windSpeed() != null) {
      parts.add("wind " + Math.round(now.windSpeed()) + " " + units.windSpeedSymbol);
    }
    return parts;
  }

  private static List<String> day(ForecastResponse.Daily daily, int i, Units units) {
    List<String> parts = new ArrayList<>();
    Integer code = at(daily.weatherCode(), i);
    Double max = at(daily.temperatureMax(), i);
    Double min = at(daily.temperatureMin(), i);
    Integer precipitation = at(daily.precipitationProbabilityMax(), i);
    if (code != null) {
      parts.add(WmoWeatherCode.describe(code));
    }
    if (max != null) {
      parts.add("high " + degrees(max, units));
    }
    if (min != null) {
      parts.add("low " + degrees(min, units));
    }
    if (precipitation != null) {
      parts.add(precipitation + "% chance of precipitation");
    }
    if (parts.isEmpty()) {
      parts.add("no forecast");
    }
    return parts;
  }

  private static String dayLabel(LocalDate date, LocalDate today) {
    String label = DAY.format(date);
    if (date.equals(today)) {
      return "Today, " + label;
    }
    if (today != null && date.equals(today.plusDays(1))) {
      return "Tomorrow, " + label;
    }
    return label;
  }

  private static String degrees(double value, Units units) {
    return Math.round(value) + " " + units.temperatureSymbol;
  }

  /** A column's value for day {@code i}; columns may be missing or shorter. */
  private static <T> T at(List<T> column, int i) {
    return column == null || i >= column.size() ? null : column.get(i);
  }
}
