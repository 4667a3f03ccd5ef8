package org.smartassistant.common.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Guards {@code smart.internal.protected-paths} of every servlet service with the internal token.
 */
@AutoConfiguration
@EnableConfigurationProperties(InternalTokenProperties.class)
public class InternalTokenAutoConfiguration {

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  FilterRegistrationBean<InternalTokenFilter> internalTokenFilter(
      InternalTokenProperties properties) {
    FilterRegistrationBean<InternalTokenFilter> registration =
        new FilterRegistrationBean<>(new InternalTokenFilter(properties));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
