package org.smartassistant.common.calendar;

/** The Google consent link a user opens to connect a calendar. */
public record AuthUrlResponse(String authUrl) {}
