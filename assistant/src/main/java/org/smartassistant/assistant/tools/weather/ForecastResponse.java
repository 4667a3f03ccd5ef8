package org.smartassistant.assistant.tools.weather;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Open-Meteo's forecast answer, the fields the tool asks for: the {@code current} block and the
 * {@code daily} columns (one list per variable, aligned with {@code time}), in the units asked. Any
 * value may be null where Open-Meteo's models have none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ForecastResponse(String timezone, Current current, Daily daily) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Current(
      LocalDateTime time,
      @JsonProperty("temperature_2m") Double temperature,
      @JsonProperty("apparent_temperature") Double apparentTemperature,
      @JsonProperty("relative_humidity_2m") Double relativeHumidity,
      @JsonProperty("weather_code") Integer weatherCode,
      @JsonProperty("wind_speed_10m") Double windSpeed) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Daily(
      List<LocalDate> time,
      @JsonProperty("weather_code") List<Integer> weatherCode,
      @JsonProperty("temperature_2m_max") List<Double> temperatureMax,
      @JsonProperty("temperature_2m_min") List<Double> temperatureMin,
      @JsonProperty("precipitation_probability_max") List<Integer> precipitationProbabilityMax) {

    int size() {
      return time == null ? 0 : time.size();
    }
  }
}
