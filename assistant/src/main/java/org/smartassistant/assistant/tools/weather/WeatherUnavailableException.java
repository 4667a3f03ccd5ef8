package org.smartassistant.assistant.tools.weather;

/** Open-Meteo could not be reached or gave no usable answer (timeout, 5xx, unreadable body). */
class WeatherUnavailableException extends RuntimeException {

  WeatherUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
