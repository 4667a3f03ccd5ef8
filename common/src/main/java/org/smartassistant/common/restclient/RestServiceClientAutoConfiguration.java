package org.smartassistant.common.restclient;

import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.calendarrules.CalendarRuleClient;
import org.smartassistant.common.security.InternalTokenProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/** The rest-service client for every service that sets {@code smart.rest-service.url}. */
@AutoConfiguration
@ConditionalOnProperty("smart.rest-service.url")
@EnableConfigurationProperties({RestServiceClientProperties.class, InternalTokenProperties.class})
public class RestServiceClientAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  RestServiceClient restServiceClient(
      RestClient.Builder builder,
      RestServiceClientProperties properties,
      InternalTokenProperties token) {
    return ServiceClients.create(
        RestServiceClient.class, builder, properties.toClientProperties(), token.token());
  }

  @Bean
  @ConditionalOnMissingBean
  CalendarRuleClient calendarRuleClient(
      RestClient.Builder builder,
      RestServiceClientProperties properties,
      InternalTokenProperties token) {
    return ServiceClients.create(
        CalendarRuleClient.class, builder, properties.toClientProperties(), token.token());
  }
}
