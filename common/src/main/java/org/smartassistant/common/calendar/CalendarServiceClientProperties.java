package org.smartassistant.common.calendar;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where calendar-service is ({@code CALENDAR_SERVICE_URL}) and how patiently it is called. The read
 * timeout is longer than for rest-service because every call waits for Google; retries default to
 * one, since a retried event creation could create the event twice.
 */
@Validated
@ConfigurationProperties("smart.calendar-service")
public record CalendarServiceClientProperties(
    @NotBlank String url,
    Duration connectTimeout,
    Duration readTimeout,
    @Min(0) Integer maxRetries,
    Duration retryDelay,
    @Min(1) Integer maxConcurrentCalls,
    Duration queueTimeout) {

  public ServiceClientProperties toClientProperties() {
    return new ServiceClientProperties(
        url,
        connectTimeout,
        readTimeout == null ? Duration.ofSeconds(30) : readTimeout,
        maxRetries == null ? 1 : maxRetries,
        retryDelay,
        maxConcurrentCalls == null ? 0 : maxConcurrentCalls,
        queueTimeout);
  }
}
