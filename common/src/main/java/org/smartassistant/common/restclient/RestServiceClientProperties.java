package org.smartassistant.common.restclient;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where rest-service is ({@code REST_SERVICE_URL}) and how patiently it is called. */
@Validated
@ConfigurationProperties("smart.rest-service")
public record RestServiceClientProperties(
    @NotBlank String url,
    Duration connectTimeout,
    Duration readTimeout,
    @Min(0) Integer maxRetries,
    Duration retryDelay,
    @Min(1) Integer maxConcurrentCalls,
    Duration queueTimeout) {

  ServiceClientProperties toClientProperties() {
    return new ServiceClientProperties(
        url,
        connectTimeout,
        readTimeout,
        maxRetries == null ? 3 : maxRetries,
        retryDelay,
        maxConcurrentCalls == null ? 0 : maxConcurrentCalls,
        queueTimeout);
  }
}
