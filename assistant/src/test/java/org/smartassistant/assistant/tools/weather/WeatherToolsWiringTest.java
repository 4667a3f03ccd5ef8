package org.smartassistant.assistant.tools.weather;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.tools.ToolCatalog;
import org.smartassistant.assistant.tools.ToolProperties;
import org.smartassistant.assistant.tools.ToolUser;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.testsupport.fakes.openmeteo.FakeOpenMeteo;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The weather tool as the service builds it: bound from {@code smart.weather.*}, found by the
 * {@link ToolCatalog} for a configured {@code weather} tool, and run with the catalog's context.
 */
class WeatherToolsWiringTest {

  FakeOpenMeteo meteo;

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class))
          .withUserConfiguration(Wiring.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({WeatherProperties.class, ToolProperties.class})
  @Import({OpenMeteoClient.class, WeatherTools.class, ToolCatalog.class})
  static class Wiring {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @BeforeEach
  void start() {
    meteo = new FakeOpenMeteo().start();
    meteo.setForecast(
        meteo.addPlace("Lisbon", 38.71667, -9.13333, "Portugal", "PT", "Lisbon", "Europe/Lisbon"),
        WeatherToolsTest.berlinForecast());
  }

  @AfterEach
  void stop() {
    meteo.close();
  }

  @Test
  void callsTheRealOpenMeteoByDefault() {
    runner.run(
        context -> {
          WeatherProperties properties = context.getBean(WeatherProperties.class);
          assertThat(properties.geocodingUrl()).isEqualTo("https://geocoding-api.open-meteo.com");
          assertThat(properties.forecastUrl()).isEqualTo("https://api.open-meteo.com");
          assertThat(properties.readTimeout()).isPositive();
        });
  }

  @Test
  void takesEndpointUrlsAsTheirBase() {
    runner
        .withPropertyValues(
            "smart.weather.geocoding-url=" + meteo.geocodingUrl() + "/v1/search",
            "smart.weather.forecast-url=" + meteo.forecastUrl() + "/v1/forecast/")
        .run(
            context -> {
              WeatherProperties properties = context.getBean(WeatherProperties.class);
              assertThat(properties.geocodingUrl()).isEqualTo(meteo.geocodingUrl());
              assertThat(properties.forecastUrl()).isEqualTo(meteo.forecastUrl());
              assertThat(context.getBean(WeatherTools.class).weather("Lisbon", 1, null, null))
                  .startsWith("Weather for Lisbon, Portugal");
            });
  }

  @Test
  void aConfiguredWeatherToolIsOfferedAndAnswersForTheUserOfTheContext() {
    runner
        .withPropertyValues(
            "smart.weather.geocoding-url=" + meteo.geocodingUrl(),
            "smart.weather.forecast-url=" + meteo.forecastUrl())
        .run(
            context -> {
              ToolCatalog catalog = context.getBean(ToolCatalog.class);
              List<ToolCallback> callbacks =
                  catalog.callbacksFor(
                      List.of(
                          new ToolDto(
                              UUID.randomUUID(),
                              "forecast",
                              ToolType.WEATHER,
                              "Weather anywhere",
                              null,
                              true,
                              null,
                              null)));
              Map<String, Object> toolContext =
                  catalog.contextFor(
                      new ToolUser(7, 70, ZoneId.of("America/New_York"), UUID.randomUUID()));
              toolContext.put(WeatherTools.UNITS, "imperial");

              String result =
                  callbacks
                      .get(0)
                      .call("{\"place\":\"Lisbon\",\"days\":2}", new ToolContext(toolContext));

              assertThat(catalog.implementedTypes()).contains(ToolType.WEATHER);
              assertThat(callbacks.get(0).getToolDefinition().name()).isEqualTo("forecast");
              assertThat(result).contains("Weather for Lisbon, Portugal", "70 °F", "Tomorrow");
              assertThat(meteo.lastForecast().param("forecast_days")).isEqualTo("2");
            });
  }
}
