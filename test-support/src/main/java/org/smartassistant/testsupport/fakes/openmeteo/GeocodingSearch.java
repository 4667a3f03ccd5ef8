package org.smartassistant.testsupport.fakes.openmeteo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FakeOpenMeteo}'s geocoding search: names match case-insensitively by prefix (by exact name
 * for two letters, never for one); the answer has no {@code results} when nothing matches.
 */
final class GeocodingSearch {

  private static final int MAX_COUNT = 100;

  private GeocodingSearch() {}

  /** The matching places, in the order they were registered. */
  static OpenMeteoAnswer answer(List<OpenMeteoPlace> places, Map<String, String> params) {
    String name = params.get("name");
    if (name == null) {
      throw new OpenMeteoParams.BadParameter("Parameter 'name' is required");
    }
    int count = OpenMeteoParams.integer(params, "count", 10);
    if (count < 1 || count > MAX_COUNT) {
      throw new OpenMeteoParams.BadParameter("Parameter count must be between 1 and " + MAX_COUNT);
    }
    String format = params.getOrDefault("format", "json");
    if (!format.equals("json")) {
      throw new OpenMeteoParams.BadParameter("The fake Open-Meteo answers format=json only");
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    List<OpenMeteoPlace> found =
        places.stream().filter(place -> matches(place, wanted)).limit(count).toList();
    if (!found.isEmpty()) {
      ArrayNode results = body.putArray("results");
      found.forEach(place -> results.add(placeJson(place)));
    }
    body.put("generationtime_ms", 0.3);
    return new OpenMeteoAnswer(200, body);
  }

  private static boolean matches(OpenMeteoPlace place, String wanted) {
    String name = place.name().toLowerCase(Locale.ROOT);
    if (wanted.length() < 2) {
      return false;
    }
    return wanted.length() == 2 ? name.equals(wanted) : name.startsWith(wanted);
  }

  private static ObjectNode placeJson(OpenMeteoPlace place) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
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
}
