package org.smartassistant.assistant.tools.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.tools.ToolCatalog;
import org.smartassistant.assistant.tools.ToolProperties;
import org.smartassistant.assistant.tools.ToolUser;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.calendar.CalendarServiceClientAutoConfiguration;
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
 * The calendar tools as the service builds them: the calendar-service client auto-configured from
 * {@code smart.calendar-service.url} with the internal token, both tool types found by the {@link
 * ToolCatalog}, and a call with the catalog's context reaching calendar-service for that user.
 */
class CalendarToolsWiringTest {

  FakeCalendarService service;

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  RestClientAutoConfiguration.class, CalendarServiceClientAutoConfiguration.class))
          .withUserConfiguration(Wiring.class)
          .withPropertyValues("smart.internal.token=" + FakeCalendarService.TOKEN);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ToolProperties.class)
  @Import({CalendarTools.class, ToolCatalog.class})
  static class Wiring {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }
  }

  @BeforeEach
  void start() {
    service = new FakeCalendarService();
  }

  @AfterEach
  void stop() {
    service.close();
  }

  static ToolDto tool(String name, ToolType type) {
    return new ToolDto(UUID.randomUUID(), name, type, "configured " + name, null, true, null, null);
  }

  @Test
  void configuredCalendarToolsAreOfferedAndActForTheUserOfTheContext() {
    runner
        .withPropertyValues("smart.calendar-service.url=" + service.baseUrl())
        .run(
            context -> {
              ToolCatalog catalog = context.getBean(ToolCatalog.class);
              List<ToolCallback> callbacks =
                  catalog.callbacksFor(
                      List.of(
                          tool("agenda", ToolType.CALENDAR_LIST),
                          tool("add_event", ToolType.CALENDAR_CREATE)));
              ToolContext toolContext =
                  new ToolContext(
                      catalog.contextFor(
                          new ToolUser(9, 90, ZoneId.of("America/New_York"), UUID.randomUUID())));

              String listed =
                  callbacks
                      .get(0)
                      .call("{\"from\":\"2026-11-25\",\"to\":\"2026-11-25\"}", toolContext);
              String created =
                  callbacks
                      .get(1)
                      .call(
                          "{\"title\":\"Call\",\"start\":\"2026-11-25T10:00\",\"end\":\"10:15\"}",
                          toolContext);

              assertThat(catalog.implementedTypes())
                  .contains(ToolType.CALENDAR_LIST, ToolType.CALENDAR_CREATE);
              assertThat(callbacks)
                  .extracting(c -> c.getToolDefinition().name())
                  .containsExactly("agenda", "add_event");
              // a tool's text reaches the model as a JSON string
              assertThat(listed)
                  .contains(
                      "No events in the user's calendar on Wednesday 25 November 2026"
                          + " (America/New_York).");
              assertThat(created).contains("Wednesday 25 November 2026, 10:00–10:15");
              assertThat(service.received())
                  .extracting(FakeCalendarService.Received::path)
                  .containsExactly("/events/9", "/events/9");
              assertThat(service.received().get(0).query())
                  .containsEntry("from", "2026-11-25T05:00:00Z");
              assertThat(service.lastCreated().timeZone()).isEqualTo("America/New_York");
            });
  }

  @Test
  void withoutACalendarServiceTheToolsSayCalendarsAreNotSetUp() {
    runner.run(
        context -> {
          ToolCatalog catalog = context.getBean(ToolCatalog.class);
          ToolCallback list =
              catalog.callbacksFor(List.of(tool("agenda", ToolType.CALENDAR_LIST))).get(0);

          String answer =
              list.call(
                  "{}",
                  new ToolContext(catalog.contextFor(new ToolUser(9, 90, ZoneId.of("UTC"), null))));

          assertThat(answer).contains(CalendarFailures.NOT_CONFIGURED);
        });
  }
}
