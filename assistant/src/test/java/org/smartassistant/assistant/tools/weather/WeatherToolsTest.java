package org.smartassistant.assistant.tools.weather;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.testsupport.fakes.openmeteo.FakeOpenMeteo;
import org.smartassistant.testsupport.fakes.openmeteo.OpenMeteoForecast;
import org.smartassistant.testsupport.fakes.openmeteo.OpenMeteoPlace;
import org.smartassistant.testsupport.fakes.openmeteo.OpenMeteoRequest;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.web.client.RestClient;

/** The weather tool against the fake Open-Meteo, through the real HTTP client. */
class WeatherToolsTest {

  static final String BERLIN_METRIC =
      """
      Weather for Berlin, Land Berlin, Germany (local time Monday 1 June, 14:15):
      Now: overcast, 21 °C (feels like 20 °C), humidity 55%, wind 12 km/h.
      Today, Monday 1 June: overcast, high 22 °C, low 12 °C, 10% chance of precipitation.
      Tomorrow, Tuesday 2 June: slight rain, high 20 °C, low 11 °C, 80% chance of precipitation.
      Wednesday 3 June: clear sky, high 25 °C, low 13 °C.""";

  static final ToolContext NO_PREFERENCE = new ToolContext(Map.of());

  FakeOpenMeteo meteo;
  OpenMeteoPlace berlin;
  WeatherTools tools;

  @BeforeEach
  void start() {
    meteo = new FakeOpenMeteo().start();
    berlin =
        meteo.addPlace(
            "Berlin", 52.52437, 13.41053, "Germany", "DE", "Land Berlin", "Europe/Berlin");
    meteo.setForecast(berlin, berlinForecast());
    tools = toolsWith(Duration.ofSeconds(2), 1);
  }

  @AfterEach
  void stop() {
    meteo.close();
  }

  static OpenMeteoForecast berlinForecast() {
    return OpenMeteoForecast.of(
        new OpenMeteoForecast.Current(
            LocalDateTime.parse("2026-06-01T14:15"), 21.3, 20.1, 55, 3, 12.2),
        new OpenMeteoForecast.Day(LocalDate.parse("2026-06-01"), 3, 22.0, 12.1, 10),
        new OpenMeteoForecast.Day(LocalDate.parse("2026-06-02"), 61, 19.5, 11.0, 80),
        new OpenMeteoForecast.Day(LocalDate.parse("2026-06-03"), 0, 25.0, 13.0, null),
        new OpenMeteoForecast.Day(LocalDate.parse("2026-06-04"), 95, 27.0, 16.0, 60));
  }

  WeatherTools toolsWith(Duration readTimeout, int maxRetries) {
    WeatherProperties properties =
        new WeatherProperties(
            meteo.geocodingUrl(),
            meteo.forecastUrl() + "/",
            Duration.ofSeconds(1),
            readTimeout,
            maxRetries,
            Duration.ofMillis(10));
    return new WeatherTools(new OpenMeteoClient(RestClient.builder(), properties));
  }

  @Test
  void reportsTheConditionsNowAndTheNextDaysOfAKnownPlace() {
    String report = tools.weather("Berlin", 3, null, NO_PREFERENCE);

    assertThat(report).isEqualTo(BERLIN_METRIC);
  }

  @Test
  void asksOpenMeteoForThePlacesCoordinatesInMetricUnitsByDefault() {
    tools.weather(" berlin ", null, null, NO_PREFERENCE);

    OpenMeteoRequest search = meteo.searches().get(0);
    assertThat(search.param("name")).isEqualTo("berlin");
    assertThat(search.param("format")).isEqualTo("json");
    OpenMeteoRequest forecast = meteo.lastForecast();
    assertThat(forecast.params())
        .containsEntry("latitude", "52.52437")
        .containsEntry("longitude", "13.41053")
        .containsEntry("current", OpenMeteoClient.CURRENT)
        .containsEntry("daily", OpenMeteoClient.DAILY)
        .containsEntry("timezone", "auto")
        .containsEntry("forecast_days", String.valueOf(WeatherTools.DEFAULT_DAYS))
        .containsEntry("temperature_unit", "celsius")
        .containsEntry("wind_speed_unit", "kmh");
  }

  @Test
  void imperialUnitsAskForFahrenheitAndMilesPerHour() {
    String report = tools.weather("Berlin", 2, "imperial", NO_PREFERENCE);

    assertThat(meteo.lastForecast().params())
        .containsEntry("temperature_unit", "fahrenheit")
        .containsEntry("wind_speed_unit", "mph")
        .containsEntry("forecast_days", "2");
    assertThat(report)
        .isEqualTo(
            """
            Weather for Berlin, Land Berlin, Germany (local time Monday 1 June, 14:15):
            Now: overcast, 70 °F (feels like 68 °F), humidity 55%, wind 8 mph.
            Today, Monday 1 June: overcast, high 72 °F, low 54 °F, 10% chance of precipitation.
            Tomorrow, Tuesday 2 June: slight rain, high 67 °F, low 52 °F, 80% chance of\
             precipitation.""");
  }

  @Test
  void takesTheUsersUsualUnitsFromTheToolContext() {
    ToolContext american = new ToolContext(Map.of(WeatherTools.UNITS, "imperial"));

    String report = tools.weather("Berlin", 1, null, american);

    assertThat(meteo.lastForecast().param("temperature_unit")).isEqualTo("fahrenheit");
    assertThat(report).contains("70 °F", "8 mph");
  }

  @Test
  void unitsTheModelNamesWinOverTheUsersUsualOnes() {
    ToolContext american = new ToolContext(Map.of(WeatherTools.UNITS, "imperial"));

    tools.weather("Berlin", 1, "metric", american);

    assertThat(meteo.lastForecast().param("temperature_unit")).isEqualTo("celsius");
  }

  @Test
  void anUnknownPlaceGetsAClearSentence() {
    String answer = tools.weather("Xyz", 3, null, NO_PREFERENCE);

    assertThat(answer)
        .isEqualTo(
            "I could not find a place called 'Xyz'. Check the spelling, or name a larger town"
                + " nearby.");
    assertThat(meteo.forecasts()).isEmpty();
  }

  @Test
  void aNameQualifiedByRegionOrCountryPicksThatPlace() {
    meteo.addPlace("Paris", 48.85341, 2.3488, "France", "FR", "Île-de-France", "Europe/Paris");
    meteo.addPlace("Paris", 33.66094, -95.55551, "United States", "US", "Texas", "America/Chicago");

    String texas = tools.weather("Paris, Texas", 1, null, NO_PREFERENCE);
    String us = tools.weather("Paris, USA", 1, null, NO_PREFERENCE);
    String france = tools.weather("Paris", 1, null, NO_PREFERENCE);

    assertThat(texas).startsWith("Weather for Paris, Texas, United States");
    assertThat(us).startsWith("Weather for Paris, Texas, United States");
    assertThat(france).startsWith("Weather for Paris, Île-de-France, France");
    assertThat(meteo.searches()).extracting(request -> request.param("name")).containsOnly("Paris");
  }

  @Test
  void anUnmatchedQualifierStillFindsThePlaceByName() {
    String report = tools.weather("Berlin, Deutschland", 1, null, NO_PREFERENCE);

    assertThat(report).startsWith("Weather for Berlin, Land Berlin, Germany");
  }

  @Test
  void openMeteoDownGetsAClearSentence() {
    meteo.startOutage(500);

    String answer = tools.weather("Berlin", 3, null, NO_PREFERENCE);

    assertThat(answer)
        .isEqualTo(
            "The weather service (Open-Meteo) is not reachable right now, so I have no weather"
                + " for 'Berlin'. Try again in a few minutes.");
  }

  @Test
  void aFailingForecastAfterAFoundPlaceGetsTheSameSentence() {
    meteo.failNextForecasts(2, 503);

    String answer = tools.weather("Berlin", 3, null, NO_PREFERENCE);

    assertThat(answer).startsWith("The weather service (Open-Meteo) is not reachable right now");
    assertThat(meteo.forecasts()).hasSize(2);
  }

  @Test
  void aSingleServerErrorIsRetried() {
    meteo.failNextSearches(1, 500);

    String report = tools.weather("Berlin", 3, null, NO_PREFERENCE);

    assertThat(report).isEqualTo(BERLIN_METRIC);
    assertThat(meteo.searches()).extracting(OpenMeteoRequest::status).containsExactly(500, 200);
  }

  @Test
  void aSilentOpenMeteoRunsIntoTheReadTimeoutAndGetsTheSentence() {
    WeatherTools impatient = toolsWith(Duration.ofMillis(200), 0);
    meteo.setLatency(Duration.ofSeconds(3));

    String answer = impatient.weather("Berlin", 3, null, NO_PREFERENCE);

    assertThat(answer).startsWith("The weather service (Open-Meteo) is not reachable right now");
  }

  @Test
  void daysAreKeptWithinAWeek() {
    String longRange = tools.weather("Berlin", 30, null, NO_PREFERENCE);
    String forecastDaysOfLongRange = meteo.lastForecast().param("forecast_days");
    tools.weather("Berlin", 0, null, NO_PREFERENCE);

    assertThat(forecastDaysOfLongRange).isEqualTo("7");
    assertThat(longRange).endsWith("(Forecasts go at most 7 days ahead.)");
    assertThat(meteo.lastForecast().param("forecast_days")).isEqualTo("1");
  }

  @Test
  void aBlankPlaceAsksForOne() {
    assertThat(tools.weather("  ", 3, null, NO_PREFERENCE))
        .isEqualTo("Tell me which place to get the weather for: a city or town name.");
    assertThat(meteo.requests()).isEmpty();
  }

  @Test
  void isTheImplementationOfTheWeatherType() {
    assertThat(tools.types()).containsExactly(ToolType.WEATHER);
  }

  @Test
  void theModelSeesPlaceDaysAndUnitsButNotTheContext() {
    ToolCallback callback = ToolCallbacks.from(tools)[0];
    String schema = callback.getToolDefinition().inputSchema();

    assertThat(schema).contains("\"place\"", "\"days\"", "\"units\"");
    assertThat(schema).doesNotContain("context", "Context");
  }

  @Test
  void runsThroughItsToolCallbackWithOnlyAPlace() {
    ToolCallback callback = ToolCallbacks.from(tools)[0];

    // Spring AI insists on a non-empty context for a method that takes one; the catalog always
    // gives the user's
    String result =
        callback.call("{\"place\":\"Berlin\"}", new ToolContext(Map.of(WeatherTools.UNITS, "")));

    assertThat(result).contains("Weather for Berlin, Land Berlin, Germany", "21 °C");
    assertThat(meteo.lastForecast().param("forecast_days")).isEqualTo("3");
  }
}
