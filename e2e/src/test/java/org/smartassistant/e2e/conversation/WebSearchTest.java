package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiMessage;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.smartassistant.testsupport.fakes.OpenAiTool;
import org.smartassistant.testsupport.fakes.websearch.FakeSearxng;
import org.smartassistant.testsupport.fakes.websearch.WebPage;
import org.smartassistant.testsupport.fakes.websearch.WebSearchRequest;

/**
 * Through the whole suite, the model calls the seeded secretary's {@code web_search} tool, the
 * assistant asks the (fake) SearXNG, the titles and URLs of the results reach the model with the
 * instruction to cite them, and the answer the user gets in Telegram carries the URLs the model
 * cited.
 */
class WebSearchTest {

  /** A result's URL in the tool result (a JSON string: its line breaks arrive escaped). */
  static final Pattern URL_LINE = Pattern.compile("URL: (https?://[^\\s\\\\\"]+)");

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.llm;
  final FakeSearxng searxng = fixture.suite.searxng();

  @BeforeEach
  void freshFakes() {
    llm.reset();
    searxng.reset();
  }

  @Test
  void theModelSearchesTheWebAndTheAnswerInTelegramCitesTheUrls() {
    UserDto ilaria = fixture.start(1157, "Ilaria", "Europe/Rome");
    searxng.addResults(
        "Louvre opening hours",
        new WebPage(
            "Hours, admission and directions - Louvre",
            "https://www.louvre.fr/en/visit/hours-admission",
            "The museum is open from 9 am to 6 pm, except on Tuesdays."),
        new WebPage(
            "Louvre - Wikipedia",
            "https://en.wikipedia.org/wiki/Louvre",
            "The Louvre is the world's most-visited art museum."));
    llm.respondWith(
        request -> {
          if (request.answersToolCalls()) {
            // the model cites what it was given: every URL of the tool result
            String result = request.lastMessage().content();
            StringBuilder answer =
                new StringBuilder("The Louvre opens 9 am to 6 pm, closed on Tuesdays. Sources:");
            Matcher urls = URL_LINE.matcher(result);
            while (urls.find()) {
              answer.append("\n- ").append(urls.group(1));
            }
            return OpenAiAnswer.text(answer.toString());
          }
          if (request.lastUserText().contains("Louvre")) {
            return OpenAiAnswer.toolCall("web_search", "{\"query\":\"Louvre opening hours\"}");
          }
          return OpenAiAnswer.text("Hello.");
        });

    String reply = fixture.say(ilaria, "When is the Louvre open today?");

    WebSearchRequest search = searxng.lastRequest();
    assertThat(search.path()).isEqualTo(FakeSearxng.SEARCH_PATH);
    assertThat(search.params())
        .containsEntry("q", "Louvre opening hours")
        .containsEntry("format", "json");

    OpenAiRequest first = ownRequests().get(0);
    OpenAiTool offered =
        first.tools().stream().filter(tool -> tool.name().equals("web_search")).findFirst().get();
    assertThat(offered.description()).contains("Cite the URL");

    OpenAiRequest followUp =
        ownRequests().stream().filter(OpenAiRequest::answersToolCalls).findFirst().get();
    OpenAiMessage toolResult = followUp.lastMessage();
    assertThat(toolResult.content())
        .contains(
            "cite the URL of every result you use",
            "1. Hours, admission and directions - Louvre",
            "URL: https://www.louvre.fr/en/visit/hours-admission",
            "2. Louvre - Wikipedia",
            "URL: https://en.wikipedia.org/wiki/Louvre");

    assertThat(reply)
        .contains(
            "9 am to 6 pm",
            "https://www.louvre.fr/en/visit/hours-admission",
            "https://en.wikipedia.org/wiki/Louvre");
  }

  @Test
  void aSearchThatFindsNothingIsToldToTheModelAndNotInvented() {
    UserDto tomaso = fixture.start(1158, "Tomaso", "Europe/Rome");
    llm.respondWith(
        request -> {
          if (request.answersToolCalls()) {
            return OpenAiAnswer.text("Search said: " + request.lastMessage().content());
          }
          return OpenAiAnswer.toolCall("web_search", "{\"query\":\"qwxzzy flurble\"}");
        });

    String reply = fixture.say(tomaso, "Search qwxzzy flurble");

    assertThat(searxng.lastRequest().param("q")).isEqualTo("qwxzzy flurble");
    assertThat(reply).contains("The web search for", "qwxzzy flurble", "found nothing.");
  }

  private List<OpenAiRequest> ownRequests() {
    return llm.requests().stream()
        .filter(request -> request.systemPromptContains("Name: Ilaria."))
        .toList();
  }
}
