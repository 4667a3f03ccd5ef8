package org.smartassistant.common.restclient;

import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.security.InternalTokenProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/** The rest-service client for every service that sets {@code smart.rest-service.url}. */
@AutoConfiguration
@ConditionalOnProperty("smart.rest-service.url")
public class RestServiceClientAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  RestServiceClient restServiceClient(
      RestClient.Builder builder,
      InternalTokenProperties token,
      @Value("${smart.rest-service.url}") String url,
      @Value("${smart.rest-service.connect-timeout:2s}") java.time.Duration connectTimeout,
      @Value("${smart.rest-service.read-timeout:10s}") java.time.Duration readTimeout,
      @Value("${smart.rest-service.max-retries:3}") int maxRetries) {
    ServiceClientProperties properties =
        new ServiceClientProperties(url, connectTimeout, readTimeout, maxRetries, null);
    return ServiceClients.create(RestServiceClient.class, builder, properties, token.token());
  }
}
