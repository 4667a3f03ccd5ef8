package org.smartassistant.assistant.tools.weather;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.tools.ToolFamily;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/**
 * The {@code weather} tool: finds the place with Open-Meteo's geocoding, then tells the model the
 * conditions now and the next days there, in the units the model asks for, else the user's usual
 * units from the tool context, else metric. An unknown place or an unreachable Open-Meteo is
 * answered with a sentence the model can pass on, never an exception.
 */
@Component
public class WeatherTools implements ToolFamily {

  /** Tool-context entry: the user's usual units, {@code "metric"} or {@code "imperial"}. */
  public static final String UNITS = "units";

  static final int DEFAULT_DAYS = 3;

  /** Open-Meteo forecasts up to 16 days; a week is what a conversation needs. */
  static final int MAX_DAYS = 7;

  /** Candidates fetched when the model qualified a name ("Paris, Texas"). */
  private static final int CANDIDATES = 10;

  private static final Logger log = LoggerFactory.getLogger(WeatherTools.class);

  private final OpenMeteoClient openMeteo;

  WeatherTools(OpenMeteoClient openMeteo) {
    this.openMeteo = openMeteo;
  }

  @Tool(
      name = "weather",
      description =
          "Current weather and the forecast for the next days at a place (a city or town):"
              + " conditions, temperature and feels-like, humidity, wind, and each day's high,"
              + " low and chance of precipitation.")
  public String weather(
      @ToolParam(
              description =
                  "City or town, optionally followed by its region or country after a comma,"
                      + " e.g. 'Lyon' or 'Paris, Texas'")
          String place,
      @ToolParam(
              required = false,
              description = "Days to forecast, today included, 1 to 7; default 3")
          Integer days,
      @ToolParam(
              required = false,
              description =
                  "'metric' (°C, km/h) or 'imperial' (°F, mph); empty for the user's usual units")
          String units,
      ToolContext context) {
    if (place == null || place.isBlank()) {
      return "Tell me which place to get the weather for: a city or town name.";
    }
    String query = place.trim();
    int wanted = days == null ? DEFAULT_DAYS : days;
    int forecastDays = Math.max(1, Math.min(MAX_DAYS, wanted));
    Units chosen = unitsFor(units, context);
    try {
      Optional<GeocodedPlace> found = locate(query);
      if (found.isEmpty()) {
        return "I could not find a place called '"
            + query
            + "'. Check the spelling, or name a larger town nearby.";
      }
      ForecastResponse forecast = openMeteo.forecast(found.get(), forecastDays, chosen);
      String report = WeatherReport.describe(found.get(), forecast, chosen);
      return wanted > MAX_DAYS
          ? report + "\n(Forecasts go at most " + MAX_DAYS + " days ahead.)"
          : report;
    } catch (WeatherUnavailableException e) {
      log.warn("weather for '{}' unavailable: {}", query, e.getMessage());
      return "The weather service (Open-Meteo) is not reachable right now, so I have no weather"
          + " for '"
          + query
          + "'. Try again in a few minutes.";
    }
  }

  /**
   * The place Open-Meteo ranks first for the name. Its search matches names only, so for "Paris,
   * Texas" the name is searched and the candidate in Texas preferred.
   */
  private Optional<GeocodedPlace> locate(String query) {
    int comma = query.indexOf(',');
    if (comma <= 0) {
      return openMeteo.search(query, 1).stream().findFirst();
    }
    String name = query.substring(0, comma).trim();
    List<String> qualifiers = List.of(query.substring(comma + 1).split(","));
    List<GeocodedPlace> candidates = openMeteo.search(name, CANDIDATES);
    return candidates.stream()
        .filter(candidate -> qualifiers.stream().anyMatch(candidate::isIn))
        .findFirst()
        // a qualifier in another language ("Deutschland") must not lose the place: the answer
        // names the country, so the model sees which one it got
        .or(() -> candidates.stream().findFirst());
  }

  private static Units unitsFor(String requested, ToolContext context) {
    Units units = Units.named(requested);
    if (units == null && context != null) {
      units = Units.named(context.getContext().get(UNITS));
    }
    return units == null ? Units.METRIC : units;
  }
}
