package org.smartassistant.calendar.google;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import org.smartassistant.calendar.CalendarProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HTTP transport and JSON factory every Google call shares, with the configured timeouts. */
@Configuration(proxyBeanMethods = false)
class GoogleHttpConfiguration {

  @Bean
  HttpTransport googleHttpTransport() {
    return new NetHttpTransport();
  }

  @Bean
  JsonFactory googleJsonFactory() {
    return GsonFactory.getDefaultInstance();
  }

  /** Timeouts for calls to Google; no retries inside the client (a caller retries if it wants). */
  @Bean
  GoogleTimeouts googleTimeouts(CalendarProperties properties) {
    CalendarProperties.Google google = properties.google();
    return request -> {
      request.setConnectTimeout((int) google.connectTimeout().toMillis());
      request.setReadTimeout((int) google.readTimeout().toMillis());
      request.setNumberOfRetries(0);
    };
  }

  /** The request initializer that applies the configured timeouts. */
  interface GoogleTimeouts extends HttpRequestInitializer {}
}
