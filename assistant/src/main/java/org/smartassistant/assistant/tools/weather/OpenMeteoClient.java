package org.smartassistant.assistant.tools.weather;

import java.math.BigDecimal;
import java.util.List;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Open-Meteo's geocoding and forecast APIs over {@link RestClient}: timeouts, a retry with backoff
 * on connection errors and 5xx, and every failure turned into a {@link
 * WeatherUnavailableException}.
 */
@Component
class OpenMeteoClient {

  static final String CURRENT =
      "temperature_2m,apparent_temperature,relative_humidity_2m,weather_code,wind_speed_10m";
  static final String DAILY =
      "weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max";

  private final RestClient geocoding;
  private final RestClient forecast;

  OpenMeteoClient(RestClient.Builder builder, WeatherProperties properties) {
    this.geocoding = restClient(builder, properties.geocodingUrl(), properties);
    this.forecast = restClient(builder, properties.forecastUrl(), properties);
  }

  private static RestClient restClient(
      RestClient.Builder builder, String baseUrl, WeatherProperties properties) {
    return ServiceClients.externalClient(
        builder.clone().defaultHeader("Accept", MediaType.APPLICATION_JSON_VALUE),
        new ServiceClientProperties(
            baseUrl,
            properties.connectTimeout(),
            properties.readTimeout(),
            properties.maxRetries(),
            properties.retryDelay()));
  }

  /** Up to {@code count} places of that name, Open-Meteo's best match first; empty when none. */
  List<GeocodedPlace> search(String name, int count) {
    try {
      GeocodedPlace.SearchResponse response =
          geocoding
              .get()
              .uri("/v1/search?name={name}&count={count}&language=en&format=json", name, count)
              .retrieve()
              .body(GeocodedPlace.SearchResponse.class);
      return response == null ? List.of() : response.places();
    } catch (RestClientException e) {
      throw new WeatherUnavailableException("geocoding search failed: " + e.getMessage(), e);
    }
  }

  /** The conditions now and {@code days} days from today, in the place's local time. */
  ForecastResponse forecast(GeocodedPlace place, int days, Units units) {
    try {
      ForecastResponse response =
          forecast
              .get()
              .uri(
                  "/v1/forecast?latitude={latitude}&longitude={longitude}&current="
                      + CURRENT
                      + "&daily="
                      + DAILY
                      + "&timezone=auto&forecast_days={days}"
                      + "&temperature_unit={temperature}&wind_speed_unit={wind}",
                  // plain decimals: Double.toString could write 1.0E-4, which Open-Meteo refuses
                  BigDecimal.valueOf(place.latitude()).toPlainString(),
                  BigDecimal.valueOf(place.longitude()).toPlainString(),
                  days,
                  units.temperatureParameter,
                  units.windSpeedParameter)
              .retrieve()
              .body(ForecastResponse.class);
      if (response == null) {
        throw new WeatherUnavailableException("the forecast answer was empty", null);
      }
      return response;
    } catch (RestClientException e) {
      throw new WeatherUnavailableException("forecast failed: " + e.getMessage(), e);
    }
  }
}
