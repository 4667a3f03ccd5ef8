package org.smartassistant.assistant.tools.websearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.smartassistant.testsupport.fakes.websearch.FakeBrave;
import org.smartassistant.testsupport.fakes.websearch.WebPage;
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
 * The web search tool as the service builds it: bound from {@code smart.web-search.*}, found by the
 * {@link ToolCatalog} for a configured {@code web_search} tool, and run through its callback.
 */
class WebSearchToolsWiringTest {

  FakeBrave brave;

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class))
          .withUserConfiguration(Wiring.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({WebSearchProperties.class, ToolProperties.class})
  @Import({WebSearchClient.class, WebSearchTools.class, ToolCatalog.class})
  static class Wiring {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @BeforeEach
  void start() {
    brave = new FakeBrave().start();
  }

  @AfterEach
  void stop() {
    brave.close();
  }

  @Test
  void searxngIsTheDefaultAndIsNotSetUpWithoutAUrl() {
    runner.run(
        context -> {
          WebSearchProperties properties = context.getBean(WebSearchProperties.class);
          assertThat(properties.provider()).isEqualTo(WebSearchProvider.SEARXNG);
          assertThat(properties.baseUrl()).isNull();
          assertThat(properties.maxResults()).isEqualTo(5);
          assertThat(context.getBean(WebSearchTools.class).webSearch("anything"))
              .startsWith("Web search is not set up on this server (WEB_SEARCH_URL");
        });
  }

  @Test
  void tavilyAndBraveDefaultToTheirPublicApis() {
    runner
        .withPropertyValues("smart.web-search.provider=tavily")
        .run(
            context ->
                assertThat(context.getBean(WebSearchProperties.class).baseUrl())
                    .isEqualTo("https://api.tavily.com"));
    runner
        .withPropertyValues("smart.web-search.provider=brave", "smart.web-search.base-url=")
        .run(
            context ->
                assertThat(context.getBean(WebSearchProperties.class).baseUrl())
                    .isEqualTo("https://api.search.brave.com"));
  }

  @Test
  void aConfiguredWebSearchToolIsOfferedAndSearchesTheConfiguredProvider() {
    brave.addResults("opera tonight", new WebPage("Tosca", "https://opera.example/tosca", "8 pm"));
    runner
        .withPropertyValues(
            "smart.web-search.provider=brave",
            "smart.web-search.base-url=" + brave.baseUrl(),
            "smart.web-search.api-key=" + FakeBrave.KEY,
            "smart.web-search.max-results=2")
        .run(
            context -> {
              ToolCatalog catalog = context.getBean(ToolCatalog.class);
              List<ToolCallback> callbacks =
                  catalog.callbacksFor(
                      List.of(
                          new ToolDto(
                              UUID.randomUUID(),
                              "search",
                              ToolType.WEB_SEARCH,
                              "Search the web",
                              null,
                              true,
                              null,
                              null)));
              ToolContext toolContext =
                  new ToolContext(
                      catalog.contextFor(
                          new ToolUser(7, 70, ZoneId.of("Europe/Rome"), UUID.randomUUID())));

              String result = callbacks.get(0).call("{\"query\":\"opera tonight\"}", toolContext);

              assertThat(catalog.implementedTypes()).contains(ToolType.WEB_SEARCH);
              assertThat(callbacks.get(0).getToolDefinition().name()).isEqualTo("search");
              assertThat(result).contains("1. Tosca", "URL: https://opera.example/tosca");
              assertThat(brave.lastRequest().param("count")).isEqualTo("2");
            });
  }
}
