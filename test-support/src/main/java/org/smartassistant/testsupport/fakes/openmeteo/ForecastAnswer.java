package org.smartassistant.testsupport.fakes.openmeteo;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.smartassistant.testsupport.fakes.openmeteo.OpenMeteoParams.Temperature;
import org.smartassistant.testsupport.fakes.openmeteo.OpenMeteoParams.Wind;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FakeOpenMeteo}'s forecast API over the places and forecasts registered when the request
 * came: the registered forecast near the coordinates, else the default one, else a mild day
 * generated from the clock; {@code current_units}, {@code current}, {@code daily_units} and {@code
 * daily} in the variables and units asked.
 */
final class ForecastAnswer {

  /** Open-Meteo snaps coordinates to its model grid; a forecast covers this much around it. */
  static final double NEAR_DEGREES = 0.25;

  static final int MAX_FORECAST_DAYS = 16;

  private static final DateTimeFormatter LOCAL_MINUTES =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

  /** A forecast registered for coordinates. */
  record Located(double latitude, double longitude, OpenMeteoForecast forecast) {
    boolean near(double lat, double lon) {
      return Math.abs(latitude - lat) <= NEAR_DEGREES && Math.abs(longitude - lon) <= NEAR_DEGREES;
    }
  }

  private final List<OpenMeteoPlace> places;
  private final List<Located> forecasts;
  private final OpenMeteoForecast defaultForecast;
  private final Clock clock;

  /** Over the fake's own lists: used while holding the fake's lock. */
  ForecastAnswer(
      List<OpenMeteoPlace> places,
      List<Located> forecasts,
      OpenMeteoForecast defaultForecast,
      Clock clock) {
    this.places = places;
    this.forecasts = forecasts;
    this.defaultForecast = defaultForecast;
    this.clock = clock;
  }

  /** The forecast for the coordinates asked, in the variables and units asked. */
  OpenMeteoAnswer answer(Map<String, String> params) {
    double latitude = OpenMeteoParams.coordinate(params, "latitude", 90);
    double longitude = OpenMeteoParams.coordinate(params, "longitude", 180);
    int days = OpenMeteoParams.integer(params, "forecast_days", 7);
    if (days < 0 || days > MAX_FORECAST_DAYS) {
      throw new OpenMeteoParams.BadParameter(
          "Forecast days is invalid. Allowed range 0 to " + MAX_FORECAST_DAYS + ". Given " + days);
    }
    Temperature temperature = Temperature.of(params.getOrDefault("temperature_unit", "celsius"));
    Wind wind = Wind.of(params.getOrDefault("wind_speed_unit", "kmh"));
    List<String> current =
        OpenMeteoParams.variables(params, "current", FakeOpenMeteo.CURRENT_VARIABLES);
    List<String> daily = OpenMeteoParams.variables(params, "daily", FakeOpenMeteo.DAILY_VARIABLES);
    ZoneId zone = zone(params.getOrDefault("timezone", "GMT"), latitude, longitude);
    OpenMeteoForecast forecast = forecastAt(latitude, longitude, zone);
    LocalDateTime localNow = forecast.current().time();
    ZoneOffset offset = zone.getRules().getOffset(localNow);

    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("latitude", latitude);
    body.put("longitude", longitude);
    body.put("generationtime_ms", 0.05);
    body.put("utc_offset_seconds", offset.getTotalSeconds());
    body.put("timezone", zone.getId());
    body.put("timezone_abbreviation", abbreviation(offset));
    body.put("elevation", 38.0);
    if (!current.isEmpty()) {
      currentBlocks(body, current, forecast.current(), temperature, wind);
    }
    if (!daily.isEmpty()) {
      dailyBlocks(body, daily, forecast.days().stream().limit(days).toList(), temperature);
    }
    return new OpenMeteoAnswer(200, body);
  }

  private void currentBlocks(
      ObjectNode body,
      List<String> variables,
      OpenMeteoForecast.Current now,
      Temperature temperature,
      Wind wind) {
    ObjectNode units = body.putObject("current_units");
    ObjectNode values = body.putObject("current");
    units.put("time", "iso8601");
    units.put("interval", "seconds");
    values.put("time", LOCAL_MINUTES.format(now.time()));
    values.put("interval", 900);
    for (String variable : variables) {
      switch (variable) {
        case "temperature_2m" -> {
          units.put(variable, temperature.unit);
          values.put(variable, temperature.convert(now.temperature()));
        }
        case "apparent_temperature" -> {
          units.put(variable, temperature.unit);
          values.put(variable, temperature.convert(now.apparentTemperature()));
        }
        case "relative_humidity_2m" -> {
          units.put(variable, "%");
          values.put(variable, now.relativeHumidity());
        }
        case "weather_code" -> {
          units.put(variable, "wmo code");
          values.put(variable, now.weatherCode());
        }
        case "wind_speed_10m" -> {
          units.put(variable, wind.unit);
          values.put(variable, wind.convert(now.windSpeed()));
        }
        default -> throw new IllegalStateException("unchecked variable " + variable);
      }
    }
  }

  private void dailyBlocks(
      ObjectNode body,
      List<String> variables,
      List<OpenMeteoForecast.Day> days,
      Temperature temperature) {
    ObjectNode units = body.putObject("daily_units");
    ObjectNode values = body.putObject("daily");
    units.put("time", "iso8601");
    ArrayNode time = values.putArray("time");
    days.forEach(day -> time.add(day.date().toString()));
    for (String variable : variables) {
      ArrayNode column = values.putArray(variable);
      switch (variable) {
        case "weather_code" -> {
          units.put(variable, "wmo code");
          days.forEach(day -> column.add(day.weatherCode()));
        }
        case "temperature_2m_max" -> {
          units.put(variable, temperature.unit);
          days.forEach(day -> column.add(temperature.convert(day.temperatureMax())));
        }
        case "temperature_2m_min" -> {
          units.put(variable, temperature.unit);
          days.forEach(day -> column.add(temperature.convert(day.temperatureMin())));
        }
        case "precipitation_probability_max" -> {
          units.put(variable, "%");
          days.forEach(
              day -> {
                if (day.precipitationProbabilityMax() == null) {
                  column.addNull();
                } else {
                  column.add(day.precipitationProbabilityMax());
                }
              });
        }
        default -> throw new IllegalStateException("unchecked variable " + variable);
      }
    }
  }

  private OpenMeteoForecast forecastAt(double latitude, double longitude, ZoneId zone) {
    for (Located located : forecasts) {
      if (located.near(latitude, longitude)) {
        return located.forecast();
      }
    }
    if (defaultForecast != null) {
      return defaultForecast;
    }
    LocalDateTime now = LocalDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.MINUTES);
    now = now.withMinute(now.getMinute() / 15 * 15);
    List<OpenMeteoForecast.Day> days = new ArrayList<>();
    LocalDate today = now.toLocalDate();
    for (int i = 0; i < MAX_FORECAST_DAYS; i++) {
      days.add(new OpenMeteoForecast.Day(today.plusDays(i), 2, 18.0, 9.0, 20));
    }
    return new OpenMeteoForecast(new OpenMeteoForecast.Current(now, 15.0, 14.0, 60, 1, 10.0), days);
  }

  private ZoneId zone(String timezone, double latitude, double longitude) {
    if (timezone.equalsIgnoreCase("auto")) {
      OpenMeteoPlace nearest = null;
      double best = Double.MAX_VALUE;
      for (OpenMeteoPlace place : places) {
        double distance = Math.hypot(place.latitude() - latitude, place.longitude() - longitude);
        if (distance <= NEAR_DEGREES && distance < best) {
          nearest = place;
          best = distance;
        }
      }
      return nearest == null ? ZoneId.of("GMT") : ZoneId.of(nearest.timezone());
    }
    try {
      return ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw new OpenMeteoParams.BadParameter("Invalid timezone");
    }
  }

  private static String abbreviation(ZoneOffset offset) {
    int seconds = offset.getTotalSeconds();
    if (seconds == 0) {
      return "GMT";
    }
    int hours = Math.abs(seconds) / 3600;
    int minutes = Math.abs(seconds) % 3600 / 60;
    return "GMT"
        + (seconds < 0 ? "-" : "+")
        + hours
        + (minutes == 0 ? "" : ":" + String.format(Locale.ROOT, "%02d", minutes));
  }
}
