package org.smartassistant.testsupport.fakes.openmeteo;

import com.sun.net.httpserver.HttpExchange;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Open-Meteo speaking its real wire format, so an HTTP client written for Open-Meteo runs
 * against it unchanged: the geocoding API ({@code GET
 * /v1/search?name=&count=&language=&format=json} answering {@code
 * {"results":[...],"generationtime_ms":...}}, without {@code results} when nothing matches) and the
 * forecast API ({@code GET /v1/forecast?latitude&longitude&current=...&daily=...
 * &timezone&forecast_days&temperature_unit&wind_speed_unit} answering {@code current_units}, {@code
 * current}, {@code daily_units} and {@code daily}). Bad parameters answer 400 with Open-Meteo's
 * {@code {"error":true,"reason":...}}.
 *
 * <p>A test {@linkplain #addPlace registers places} and {@linkplain #setForecast forecasts} (in
 * metric units; the fake converts as asked); coordinates without a registered forecast get the
 * {@linkplain #setDefaultForecast default forecast}, at first a mild day generated from the clock.
 * Faults: {@link #failNextSearches}, {@link #failNextForecasts}, {@link #startOutage}, {@link
 * #setLatency}. Every request is recorded with its decoded query parameters ({@link #requests()}).
 *
 * <p>Simplifications: one server serves both APIs (point both base URLs at {@link #baseUrl()});
 * names match case-insensitively by prefix (by exact name for two letters, never for one) in the
 * order places were registered, whatever the {@code language}; only the variables above are known,
 * any other answers 400; registered times are answered as given whatever the {@code timezone}.
 */
public final class FakeOpenMeteo implements AutoCloseable {

  public static final String SEARCH_PATH = "/v1/search";
  public static final String FORECAST_PATH = "/v1/forecast";

  /** The {@code current} variables the fake knows. */
  public static final List<String> CURRENT_VARIABLES =
      List.of(
          "temperature_2m",
          "apparent_temperature",
          "relative_humidity_2m",
          "weather_code",
          "wind_speed_10m");

  /** The {@code daily} variables the fake knows. */
  public static final List<String> DAILY_VARIABLES =
      List.of(
          "weather_code",
          "temperature_2m_max",
          "temperature_2m_min",
          "precipitation_probability_max");

  /** Open-Meteo snaps coordinates to its model grid; a forecast covers this much around it. */
  private static final double NEAR_DEGREES = 0.25;

  private static final int MAX_COUNT = 100;
  private static final int MAX_FORECAST_DAYS = 16;
  private static final DateTimeFormatter LOCAL_MINUTES =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

  private final FakeHttpServer http;
  private final JsonMapper json = JsonMapper.builder().build();

  // everything below is guarded by this
  private final List<OpenMeteoPlace> places = new ArrayList<>();
  private final List<Located> forecasts = new ArrayList<>();
  private final List<OpenMeteoRequest> requests = new ArrayList<>();
  private final Deque<Integer> searchFaults = new ArrayDeque<>();
  private final Deque<Integer> forecastFaults = new ArrayDeque<>();
  private OpenMeteoForecast defaultForecast;
  private int outageStatus;
  private Duration latency = Duration.ZERO;
  private Clock clock = Clock.systemUTC();
  private long nextId = 1_000_001;

  /** A fake on a free port; call {@link #start()}. */
  public FakeOpenMeteo() {
    this(0);
  }

  /** A fake on the given port (0 for a free one); call {@link #start()}. */
  public FakeOpenMeteo(int port) {
    this.http = new FakeHttpServer("fake-open-meteo", port, this::handle);
  }

  /**
   * Starts listening on 127.0.0.1; returns this for {@code try (var meteo = new ...().start())}.
   */
  public FakeOpenMeteo start() {
    http.start();
    return this;
  }

  @Override
  public void close() {
    http.stop();
  }

  /** {@code http://127.0.0.1:<port>} */
  public String baseUrl() {
    return "http://127.0.0.1:" + http.port();
  }

  /**
   * For {@code OPEN_METEO_GEOCODING_URL} (the real one is https://geocoding-api.open-meteo.com).
   */
  public String geocodingUrl() {
    return baseUrl();
  }

  /** For {@code OPEN_METEO_FORECAST_URL} (the real one is https://api.open-meteo.com). */
  public String forecastUrl() {
    return baseUrl();
  }

  /** Forgets places, forecasts, requests and faults, and restores the defaults. */
  public synchronized void reset() {
    places.clear();
    forecasts.clear();
    requests.clear();
    searchFaults.clear();
    forecastFaults.clear();
    defaultForecast = null;
    outageStatus = 0;
    latency = Duration.ZERO;
    clock = Clock.systemUTC();
  }

  // ---------------------------------------------------------------- places and forecasts

  /** Registers a place under a fresh id and returns it. */
  public synchronized OpenMeteoPlace addPlace(
      String name,
      double latitude,
      double longitude,
      String country,
      String countryCode,
      String admin1,
      String timezone) {
    return addPlace(
        new OpenMeteoPlace(
            nextId++, name, latitude, longitude, country, countryCode, admin1, timezone));
  }

  /** Registers a place; searches find places in the order they were registered. */
  public synchronized OpenMeteoPlace addPlace(OpenMeteoPlace place) {
    ZoneId.of(place.timezone());
    places.add(place);
    return place;
  }

  /** The forecast answered for the place's coordinates (and a quarter degree around them). */
  public synchronized FakeOpenMeteo setForecast(OpenMeteoPlace place, OpenMeteoForecast forecast) {
    return setForecast(place.latitude(), place.longitude(), forecast);
  }

  /**
   * The forecast answered for these coordinates (and a quarter degree around them); a later
   * registration for the same spot wins.
   */
  public synchronized FakeOpenMeteo setForecast(
      double latitude, double longitude, OpenMeteoForecast forecast) {
    forecasts.add(0, new Located(latitude, longitude, forecast));
    return this;
  }

  /** The forecast for coordinates without one of their own; null restores the generated one. */
  public synchronized FakeOpenMeteo setDefaultForecast(OpenMeteoForecast forecast) {
    defaultForecast = forecast;
    return this;
  }

  /** The clock the generated default forecast is read from. */
  public synchronized FakeOpenMeteo setClock(Clock newClock) {
    clock = newClock;
    return this;
  }

  // ---------------------------------------------------------------- faults

  /** The next {@code count} geocoding searches answer with this status (e.g. 500, 503). */
  public synchronized FakeOpenMeteo failNextSearches(int count, int status) {
    for (int i = 0; i < count; i++) {
      searchFaults.add(status);
    }
    return this;
  }

  /** The next {@code count} forecasts answer with this status (e.g. 500, 503). */
  public synchronized FakeOpenMeteo failNextForecasts(int count, int status) {
    for (int i = 0; i < count; i++) {
      forecastFaults.add(status);
    }
    return this;
  }

  /** Every request answers with this status until {@link #endOutage()}. */
  public synchronized FakeOpenMeteo startOutage(int status) {
    outageStatus = status;
    return this;
  }

  public synchronized FakeOpenMeteo endOutage() {
    outageStatus = 0;
    return this;
  }

  /** A delay before every answer, to run a client into its read timeout. */
  public synchronized FakeOpenMeteo setLatency(Duration delay) {
    latency = delay;
    return this;
  }

  // ---------------------------------------------------------------- queries

  /** Every request received, in order. */
  public synchronized List<OpenMeteoRequest> requests() {
    return List.copyOf(requests);
  }

  /** The geocoding searches received, in order. */
  public synchronized List<OpenMeteoRequest> searches() {
    return requests.stream().filter(OpenMeteoRequest::isSearch).toList();
  }

  /** The forecast requests received, in order. */
  public synchronized List<OpenMeteoRequest> forecasts() {
    return requests.stream().filter(OpenMeteoRequest::isForecast).toList();
  }

  /** The latest forecast request; fails when there was none. */
  public synchronized OpenMeteoRequest lastForecast() {
    List<OpenMeteoRequest> received = forecasts();
    if (received.isEmpty()) {
      throw new AssertionError("the fake Open-Meteo has received no forecast request");
    }
    return received.get(received.size() - 1);
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) {
    String path = exchange.getRequestURI().getRawPath();
    Map<String, String> params = FakeHttpServer.parseForm(exchange.getRequestURI().getRawQuery());
    Duration delay;
    synchronized (this) {
      delay = latency;
    }
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    Answer answer = answer(exchange.getRequestMethod(), path, params);
    synchronized (this) {
      requests.add(new OpenMeteoRequest(path, params, answer.status()));
    }
    FakeHttpServer.respond(
        exchange,
        answer.status(),
        "application/json; charset=utf-8",
        json.writeValueAsBytes(answer.body()));
  }

  private synchronized Answer answer(String method, String path, Map<String, String> params) {
    if (outageStatus != 0) {
      return error(outageStatus, "Service unavailable");
    }
    if (!path.equals(SEARCH_PATH) && !path.equals(FORECAST_PATH)) {
      return error(404, "Not Found");
    }
    if (!method.equalsIgnoreCase("GET")) {
      return error(405, "Method Not Allowed");
    }
    Integer fault = (path.equals(SEARCH_PATH) ? searchFaults : forecastFaults).poll();
    if (fault != null) {
      return error(fault, "Internal Server Error");
    }
    try {
      return path.equals(SEARCH_PATH) ? search(params) : forecast(params);
    } catch (BadParameter e) {
      return error(400, e.getMessage());
    }
  }

  private Answer search(Map<String, String> params) {
    String name = params.get("name");
    if (name == null) {
      throw new BadParameter("Parameter 'name' is required");
    }
    int count = integer(params, "count", 10);
    if (count < 1 || count > MAX_COUNT) {
      throw new BadParameter("Parameter count must be between 1 and " + MAX_COUNT);
    }
    String format = params.getOrDefault("format", "json");
    if (!format.equals("json")) {
      throw new BadParameter("The fake Open-Meteo answers format=json only");
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    ObjectNode body = json.createObjectNode();
    List<OpenMeteoPlace> found =
        places.stream().filter(place -> matches(place, wanted)).limit(count).toList();
    if (!found.isEmpty()) {
      ArrayNode results = body.putArray("results");
      found.forEach(place -> results.add(placeJson(place)));
    }
    body.put("generationtime_ms", 0.3);
    return new Answer(200, body);
  }

  private static boolean matches(OpenMeteoPlace place, String wanted) {
    String name = place.name().toLowerCase(Locale.ROOT);
    if (wanted.length() < 2) {
      return false;
    }
    return wanted.length() == 2 ? name.equals(wanted) : name.startsWith(wanted);
  }

  private ObjectNode placeJson(OpenMeteoPlace place) {
    ObjectNode node = json.createObjectNode();
    node.put("id", place.id());
    node.put("name", place.name());
    node.put("latitude", place.latitude());
    node.put("longitude", place.longitude());
    node.put("feature_code", "PPL");
    node.put("country_code", place.countryCode());
    node.put("timezone", place.timezone());
    node.put("country", place.country());
    if (place.admin1() != null) {
      node.put("admin1", place.admin1());
    }
    return node;
  }

  private Answer forecast(Map<String, String> params) {
    double latitude = coordinate(params, "latitude", 90);
    double longitude = coordinate(params, "longitude", 180);
    int days = integer(params, "forecast_days", 7);
    if (days < 0 || days > MAX_FORECAST_DAYS) {
      throw new BadParameter(
          "Forecast days is invalid. Allowed range 0 to " + MAX_FORECAST_DAYS + ". Given " + days);
    }
    Temperature temperature = Temperature.of(params.getOrDefault("temperature_unit", "celsius"));
    Wind wind = Wind.of(params.getOrDefault("wind_speed_unit", "kmh"));
    List<String> current = variables(params, "current", CURRENT_VARIABLES);
    List<String> daily = variables(params, "daily", DAILY_VARIABLES);
    ZoneId zone = zone(params.getOrDefault("timezone", "GMT"), latitude, longitude);
    OpenMeteoForecast forecast = forecastAt(latitude, longitude, zone);
    LocalDateTime localNow = forecast.current().time();
    ZoneOffset offset = zone.getRules().getOffset(localNow);

    ObjectNode body = json.createObjectNode();
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
    return new Answer(200, body);
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
      throw new BadParameter("Invalid timezone");
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

  private static List<String> variables(
      Map<String, String> params, String key, List<String> known) {
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

  private static double coordinate(Map<String, String> params, String key, double limit) {
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

  private static int integer(Map<String, String> params, String key, int absent) {
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

  private Answer error(int status, String reason) {
    ObjectNode body = json.createObjectNode();
    body.put("error", true);
    body.put("reason", reason);
    return new Answer(status, body);
  }

  private record Answer(int status, ObjectNode body) {}

  private record Located(double latitude, double longitude, OpenMeteoForecast forecast) {
    boolean near(double lat, double lon) {
      return Math.abs(latitude - lat) <= NEAR_DEGREES && Math.abs(longitude - lon) <= NEAR_DEGREES;
    }
  }

  private enum Temperature {
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

  private enum Wind {
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

  private static double oneDecimal(double value) {
    return Math.round(value * 10) / 10.0;
  }

  /** A parameter Open-Meteo would refuse with 400. */
  private static final class BadParameter extends RuntimeException {
    BadParameter(String reason) {
      super(reason);
    }
  }
}
