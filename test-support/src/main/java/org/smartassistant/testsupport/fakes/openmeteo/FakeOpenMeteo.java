package org.smartassistant.testsupport.fakes.openmeteo;

import com.sun.net.httpserver.HttpExchange;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.json.JsonMapper;

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

  private final FakeHttpServer http;
  private final JsonMapper json = JsonMapper.builder().build();

  // everything below is guarded by this
  private final List<OpenMeteoPlace> places = new ArrayList<>();
  private final List<ForecastAnswer.Located> forecasts = new ArrayList<>();
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
    forecasts.add(0, new ForecastAnswer.Located(latitude, longitude, forecast));
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
    OpenMeteoAnswer answer = answer(exchange.getRequestMethod(), path, params);
    synchronized (this) {
      requests.add(new OpenMeteoRequest(path, params, answer.status()));
    }
    FakeHttpServer.respond(
        exchange,
        answer.status(),
        "application/json; charset=utf-8",
        json.writeValueAsBytes(answer.body()));
  }

  private synchronized OpenMeteoAnswer answer(
      String method, String path, Map<String, String> params) {
    if (outageStatus != 0) {
      return OpenMeteoAnswer.error(outageStatus, "Service unavailable");
    }
    if (!path.equals(SEARCH_PATH) && !path.equals(FORECAST_PATH)) {
      return OpenMeteoAnswer.error(404, "Not Found");
    }
    if (!method.equalsIgnoreCase("GET")) {
      return OpenMeteoAnswer.error(405, "Method Not Allowed");
    }
    Integer fault = (path.equals(SEARCH_PATH) ? searchFaults : forecastFaults).poll();
    if (fault != null) {
      return OpenMeteoAnswer.error(fault, "Internal Server Error");
    }
    try {
      return path.equals(SEARCH_PATH)
          ? GeocodingSearch.answer(places, params)
          : new ForecastAnswer(places, forecasts, defaultForecast, clock).answer(params);
    } catch (OpenMeteoParams.BadParameter e) {
      return OpenMeteoAnswer.error(400, e.getMessage());
    }
  }
}
