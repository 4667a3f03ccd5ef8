package org.smartassistant.testsupport.fakes.openmeteo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What the fake forecast API answers for a location, always in metric units (°C, km/h): the fake
 * converts to Fahrenheit, m/s, mph or knots when a request asks for them, as Open-Meteo does. Times
 * are the place's local times.
 *
 * @param current the conditions now
 * @param days the daily forecast from today on; a request gets the first {@code forecast_days}
 */
public record OpenMeteoForecast(Current current, List<Day> days) {

  public OpenMeteoForecast {
    days = List.copyOf(days);
  }

  public static OpenMeteoForecast of(Current current, Day... days) {
    return new OpenMeteoForecast(current, List.of(days));
  }

  /**
   * The {@code current} block.
   *
   * @param time local time of the observation (Open-Meteo answers quarter hours)
   * @param temperature {@code temperature_2m}, °C
   * @param apparentTemperature {@code apparent_temperature}, °C
   * @param relativeHumidity {@code relative_humidity_2m}, %
   * @param weatherCode {@code weather_code}, a WMO code (0 clear sky, 3 overcast, 61 slight
   *     rain...)
   * @param windSpeed {@code wind_speed_10m}, km/h
   */
  public record Current(
      LocalDateTime time,
      double temperature,
      double apparentTemperature,
      int relativeHumidity,
      int weatherCode,
      double windSpeed) {}

  /**
   * One day of the {@code daily} block.
   *
   * @param date the local date
   * @param weatherCode the day's most severe WMO code
   * @param temperatureMax {@code temperature_2m_max}, °C
   * @param temperatureMin {@code temperature_2m_min}, °C
   * @param precipitationProbabilityMax {@code precipitation_probability_max}, %, or null
   *     (Open-Meteo answers null where its models give none)
   */
  public record Day(
      LocalDate date,
      int weatherCode,
      double temperatureMax,
      double temperatureMin,
      Integer precipitationProbabilityMax) {}
}
