package org.smartassistant.assistant.tools.weather;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One result of Open-Meteo's geocoding search ({@code results[]}); only the fields the tool uses.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GeocodedPlace(
    String name,
    double latitude,
    double longitude,
    String country,
    @JsonProperty("country_code") String countryCode,
    String admin1,
    String timezone) {

  /** What people write for a country whose ISO code differs. */
  private static final Map<String, String> ALIASES = Map.of("usa", "us", "uk", "gb");

  /** E.g. "Berlin, Germany" or "Paris, Texas, United States". */
  String label() {
    StringBuilder label = new StringBuilder(name);
    if (admin1 != null && !admin1.isBlank() && !admin1.equalsIgnoreCase(name)) {
      label.append(", ").append(admin1);
    }
    if (country != null && !country.isBlank()) {
      label.append(", ").append(country);
    }
    return label.toString();
  }

  /**
   * Whether a qualifier the model wrote after the name ("France", "Texas", "US", "UK") names this
   * place's country or region; one under four letters must match exactly, so "US" is never found
   * inside "Australia".
   */
  boolean isIn(String qualifier) {
    String wanted = ALIASES.getOrDefault(lower(qualifier), lower(qualifier));
    if (wanted.isEmpty()) {
      return false;
    }
    return Stream.of(country, countryCode, admin1)
        .map(GeocodedPlace::lower)
        .anyMatch(
            value ->
                !value.isEmpty()
                    && (value.equals(wanted) || (wanted.length() >= 4 && value.contains(wanted))));
  }

  private static String lower(String value) {
    return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
  }

  /** The geocoding answer: Open-Meteo leaves {@code results} out when nothing matched. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record SearchResponse(List<GeocodedPlace> results) {

    List<GeocodedPlace> places() {
      return results == null ? List.of() : results;
    }
  }
}
