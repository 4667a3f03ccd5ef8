package org.smartassistant.rest.web;

import java.time.ZoneId;

/** IANA time zone names, the only form of zone the API accepts (no offsets like {@code +02:00}). */
public final class TimeZones {

  public static final String PROBLEM = "must be an IANA time zone name such as Europe/Berlin";

  private TimeZones() {}

  public static boolean isValid(String zone) {
    return zone != null && ZoneId.getAvailableZoneIds().contains(zone);
  }

  /** Rejects {@code field} in {@code errors} when {@code zone} is given and not a valid name. */
  public static void check(FieldErrors errors, String field, String zone) {
    if (zone != null && !isValid(zone)) {
      errors.reject(field, PROBLEM);
    }
  }
}
