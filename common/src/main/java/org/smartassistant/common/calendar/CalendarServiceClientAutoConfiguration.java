package org.smartassistant.common.calendar;

import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.common.security.InternalTokenProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/** The calendar-service client for every service that sets {@code smart.calendar-service.url}. */
@AutoConfiguration
@ConditionalOnProperty("smart.calendar-service.url")
@EnableConfigurationProperties({
  CalendarServiceClientProperties.class,
  InternalTokenProperties.class
})
public class CalendarServiceClientAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  CalendarServiceClient calendarServiceClient(
      RestClient.Builder builder,
      CalendarServiceClientProperties properties,
      InternalTokenProperties token) {
    return ServiceClients.create(
        CalendarServiceClient.class, builder, properties.toClientProperties(), token.token());
  }
}
