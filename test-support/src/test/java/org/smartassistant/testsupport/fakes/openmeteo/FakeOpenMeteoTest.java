package org.smartassistant.testsupport.fakes.openmeteo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fake driven over plain HTTP, as any Open-Meteo client would call it. */
class FakeOpenMeteoTest {

  private static final String CURRENT =
      "temperature_2m,apparent_temperature,relative_humidity_2m,weather_code,wind_speed_10m";
  private static final String DAILY =
      "weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max";

  private final HttpClient client = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private FakeOpenMeteo meteo;
  private OpenMeteoPlace berlin;

  @BeforeEach
  void start() {
    meteo = new FakeOpenMeteo().start();
    berlin =
        meteo.addPlace(
            "Berlin", 52.52437, 13.41053, "Germany", "DE", "Land Berlin", "Europe/Berlin");
    meteo.setForecast(
        berlin,
        OpenMeteoForecast.of(
            new OpenMeteoForecast.Current(
                LocalDateTime.parse("2026-06-01T14:15"), 21.3, 20.1, 55, 3, 12.2),
            new OpenMeteoForecast.Day(LocalDate.parse("2026-06-01"), 3, 22.0, 12.1, 10),
            new OpenMeteoForecast.Day(LocalDate.parse("2026-06-02"), 61, 19.5, 11.0, 80),
            new OpenMeteoForecast.Day(LocalDate.parse("2026-06-03"), 0, 25.0, 13.0, null)));
  }

  @AfterEach
  void stop() {
    meteo.close();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(meteo.baseUrl() + pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode getJson(String pathAndQuery, int expectedStatus) throws Exception {
    HttpResponse<String> response = get(pathAndQuery);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return json.readTree(response.body());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private String berlinForecast(String extra) {
    return "/v1/forecast?latitude=52.52437&longitude=13.41053&current="
        + CURRENT
        + "&daily="
        + DAILY
        + "&timezone=auto"
        + extra;
  }

  @Test
  void searchAnswersARegisteredPlaceInOpenMeteosShape() throws Exception {
    JsonNode body = getJson("/v1/search?name=Berlin&count=5&language=en&format=json", 200);

    JsonNode place = body.get("results").get(0);
    assertThat(body.get("results").size()).isEqualTo(1);
    assertThat(place.get("id").asLong()).isEqualTo(berlin.id());
    assertThat(place.get("name").asString()).isEqualTo("Berlin");
    assertThat(place.get("latitude").asDouble()).isEqualTo(52.52437);
    assertThat(place.get("longitude").asDouble()).isEqualTo(13.41053);
    assertThat(place.get("country").asString()).isEqualTo("Germany");
    assertThat(place.get("country_code").asString()).isEqualTo("DE");
    assertThat(place.get("admin1").asString()).isEqualTo("Land Berlin");
    assertThat(place.get("timezone").asString()).isEqualTo("Europe/Berlin");
    assertThat(body.has("generationtime_ms")).isTrue();
  }

  @Test
  void searchWithoutAMatchAnswersWithoutAResultsKey() throws Exception {
    JsonNode body = getJson("/v1/search?name=Xyzzyville&count=1&language=en&format=json", 200);

    assertThat(body.has("results")).isFalse();
    assertThat(body.has("generationtime_ms")).isTrue();
  }

  @Test
  void searchMatchesNamesByPrefixCaseInsensitivelyUpToCount() throws Exception {
    meteo.addPlace("Bern", 46.94809, 7.44744, "Switzerland", "CH", "Bern", "Europe/Zurich");
    meteo.addPlace("Bernau", 52.67982, 13.58708, "Germany", "DE", "Brandenburg", "Europe/Berlin");

    JsonNode all = getJson("/v1/search?name=bern&count=10", 200);
    JsonNode first = getJson("/v1/search?name=BER&count=1", 200);
    JsonNode oneLetter = getJson("/v1/search?name=B", 200);

    assertThat(all.get("results").valueStream().map(p -> p.get("name").asString()))
        .containsExactly("Bern", "Bernau");
    assertThat(first.get("results").size()).isEqualTo(1);
    assertThat(oneLetter.has("results")).isFalse();
  }

  @Test
  void searchDecodesTheNameAndRecordsTheQuery() throws Exception {
    meteo.addPlace(
        "São Paulo", -23.5475, -46.63611, "Brazil", "BR", "São Paulo", "America/Sao_Paulo");

    JsonNode body = getJson("/v1/search?name=" + encode("São Paulo") + "&count=1&language=pt", 200);

    assertThat(body.get("results").get(0).get("name").asString()).isEqualTo("São Paulo");
    OpenMeteoRequest request = meteo.searches().get(0);
    assertThat(request.param("name")).isEqualTo("São Paulo");
    assertThat(request.param("language")).isEqualTo("pt");
    assertThat(request.status()).isEqualTo(200);
  }

  @Test
  void forecastAnswersCurrentAndDailyBlocksInMetricUnitsByDefault() throws Exception {
    JsonNode body = getJson(berlinForecast("&forecast_days=2"), 200);

    assertThat(body.get("timezone").asString()).isEqualTo("Europe/Berlin");
    assertThat(body.get("utc_offset_seconds").asInt()).isEqualTo(7200);
    assertThat(body.get("timezone_abbreviation").asString()).isEqualTo("GMT+2");
    JsonNode units = body.get("current_units");
    assertThat(units.get("temperature_2m").asString()).isEqualTo("°C");
    assertThat(units.get("apparent_temperature").asString()).isEqualTo("°C");
    assertThat(units.get("relative_humidity_2m").asString()).isEqualTo("%");
    assertThat(units.get("weather_code").asString()).isEqualTo("wmo code");
    assertThat(units.get("wind_speed_10m").asString()).isEqualTo("km/h");
    JsonNode current = body.get("current");
    assertThat(current.get("time").asString()).isEqualTo("2026-06-01T14:15");
    assertThat(current.get("interval").asInt()).isEqualTo(900);
    assertThat(current.get("temperature_2m").asDouble()).isEqualTo(21.3);
    assertThat(current.get("apparent_temperature").asDouble()).isEqualTo(20.1);
    assertThat(current.get("relative_humidity_2m").asInt()).isEqualTo(55);
    assertThat(current.get("weather_code").asInt()).isEqualTo(3);
    assertThat(current.get("wind_speed_10m").asDouble()).isEqualTo(12.2);
    assertThat(body.get("daily_units").get("temperature_2m_max").asString()).isEqualTo("°C");
    assertThat(body.get("daily_units").get("precipitation_probability_max").asString())
        .isEqualTo("%");
    JsonNode daily = body.get("daily");
    assertThat(daily.get("time").valueStream().map(JsonNode::asString))
        .containsExactly("2026-06-01", "2026-06-02");
    assertThat(daily.get("weather_code").valueStream().map(JsonNode::asInt)).containsExactly(3, 61);
    assertThat(daily.get("temperature_2m_max").valueStream().map(JsonNode::asDouble))
        .containsExactly(22.0, 19.5);
    assertThat(daily.get("temperature_2m_min").valueStream().map(JsonNode::asDouble))
        .containsExactly(12.1, 11.0);
    assertThat(daily.get("precipitation_probability_max").valueStream().map(JsonNode::asInt))
        .containsExactly(10, 80);
  }

  @Test
  void forecastConvertsToFahrenheitAndMilesPerHourWhenAsked() throws Exception {
    JsonNode body =
        getJson(
            berlinForecast("&forecast_days=3&temperature_unit=fahrenheit&wind_speed_unit=mph"),
            200);

    assertThat(body.get("current_units").get("temperature_2m").asString()).isEqualTo("°F");
    assertThat(body.get("current_units").get("wind_speed_10m").asString()).isEqualTo("mp/h");
    assertThat(body.get("current").get("temperature_2m").asDouble()).isEqualTo(70.3);
    assertThat(body.get("current").get("wind_speed_10m").asDouble()).isEqualTo(7.6);
    assertThat(body.get("daily").get("temperature_2m_max").valueStream().map(JsonNode::asDouble))
        .containsExactly(71.6, 67.1, 77.0);
    assertThat(body.get("daily").get("precipitation_probability_max").get(2).isNull()).isTrue();
    OpenMeteoRequest request = meteo.lastForecast();
    assertThat(request.param("temperature_unit")).isEqualTo("fahrenheit");
    assertThat(request.param("wind_speed_unit")).isEqualTo("mph");
    assertThat(request.param("current")).isEqualTo(CURRENT);
  }

  @Test
  void forecastAnswersOnlyTheRequestedVariables() throws Exception {
    JsonNode body =
        getJson("/v1/forecast?latitude=52.52&longitude=13.41&current=temperature_2m", 200);

    assertThat(body.get("current").propertyNames())
        .containsExactly("time", "interval", "temperature_2m");
    assertThat(body.has("daily")).isFalse();
    assertThat(body.get("timezone").asString()).isEqualTo("GMT");
  }

  @Test
  void coordinatesWithoutAForecastGetTheDefaultOneFromTheClock() throws Exception {
    meteo.setClock(Clock.fixed(Instant.parse("2026-01-10T09:20:00Z"), ZoneOffset.UTC));

    JsonNode body =
        getJson(
            "/v1/forecast?latitude=-33.87&longitude=151.21&current="
                + CURRENT
                + "&daily="
                + DAILY
                + "&forecast_days=2",
            200);

    assertThat(body.get("current").get("time").asString()).isEqualTo("2026-01-10T09:15");
    assertThat(body.get("daily").get("time").valueStream().map(JsonNode::asString))
        .containsExactly("2026-01-10", "2026-01-11");
  }

  @Test
  void refusesBadParametersWithOpenMeteosErrorBody() throws Exception {
    JsonNode variable =
        getJson("/v1/forecast?latitude=52.52&longitude=13.41&current=temperature", 400);
    JsonNode days = getJson(berlinForecast("&forecast_days=17"), 400);
    JsonNode latitude = getJson("/v1/forecast?latitude=100&longitude=13.41", 400);
    JsonNode unit = getJson(berlinForecast("&temperature_unit=kelvin"), 400);
    JsonNode zone = getJson("/v1/forecast?latitude=1&longitude=1&timezone=Mars/Base", 400);

    assertThat(variable.get("error").asBoolean()).isTrue();
    assertThat(variable.get("reason").asString()).contains("temperature");
    assertThat(days.get("reason").asString()).contains("Forecast days");
    assertThat(latitude.get("reason").asString()).contains("Latitude must be in range");
    assertThat(unit.get("error").asBoolean()).isTrue();
    assertThat(zone.get("reason").asString()).isEqualTo("Invalid timezone");
  }

  @Test
  void injectedFaultsAnswerTheirStatusAsManyTimesAsAsked() throws Exception {
    meteo.failNextSearches(1, 500).failNextForecasts(2, 503);

    assertThat(get("/v1/search?name=Berlin").statusCode()).isEqualTo(500);
    assertThat(get("/v1/search?name=Berlin").statusCode()).isEqualTo(200);
    assertThat(get(berlinForecast("")).statusCode()).isEqualTo(503);
    assertThat(get(berlinForecast("")).statusCode()).isEqualTo(503);
    assertThat(get(berlinForecast("")).statusCode()).isEqualTo(200);
    assertThat(meteo.requests())
        .extracting(OpenMeteoRequest::status)
        .containsExactly(500, 200, 503, 503, 200);
  }

  @Test
  void anOutageFailsEveryRequestUntilItEnds() throws Exception {
    meteo.startOutage(500);

    JsonNode body = getJson("/v1/search?name=Berlin", 500);
    assertThat(get(berlinForecast("")).statusCode()).isEqualTo(500);
    meteo.endOutage();

    assertThat(body.get("error").asBoolean()).isTrue();
    assertThat(get("/v1/search?name=Berlin").statusCode()).isEqualTo(200);
  }

  @Test
  void latencyRunsAClientIntoItsTimeout() {
    meteo.setLatency(Duration.ofSeconds(2));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(meteo.baseUrl() + "/v1/search?name=Berlin"))
            .timeout(Duration.ofMillis(200))
            .build();

    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void resetForgetsPlacesRequestsAndFaults() throws Exception {
    meteo.failNextSearches(1, 500);
    get("/v1/forecast?latitude=1&longitude=1");

    meteo.reset();

    assertThat(meteo.requests()).isEmpty();
    assertThat(getJson("/v1/search?name=Berlin", 200).has("results")).isFalse();
  }

  @Test
  void unknownPathsAnswer404() throws Exception {
    assertThat(get("/v1/archive?latitude=1&longitude=1").statusCode()).isEqualTo(404);
  }
}
