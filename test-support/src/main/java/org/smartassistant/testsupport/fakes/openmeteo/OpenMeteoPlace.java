package org.smartassistant.testsupport.fakes.openmeteo;

/**
 * A place the fake geocoding API knows, as one element of its {@code results}.
 *
 * @param id the GeoNames-style id
 * @param name e.g. {@code Berlin}
 * @param latitude WGS84 degrees
 * @param longitude WGS84 degrees
 * @param country e.g. {@code Germany}
 * @param countryCode ISO 3166-1 alpha-2, e.g. {@code DE}
 * @param admin1 the first administrative level (state, region), or null
 * @param timezone the IANA zone of the place, e.g. {@code Europe/Berlin}
 */
public record OpenMeteoPlace(
    long id,
    String name,
    double latitude,
    double longitude,
    String country,
    String countryCode,
    String admin1,
    String timezone) {}
