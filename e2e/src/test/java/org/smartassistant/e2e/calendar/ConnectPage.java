package org.smartassistant.e2e.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * calendar-service's page that a consent link opens, as a browser sees it: it names the Telegram
 * user, never redirects by itself, and leads on to Google's consent with a "Continue" link.
 */
public final class ConnectPage {

  private static final Pattern CONTINUE =
      Pattern.compile("<a id=\"continue\" href=\"([^\"]+)\">Continue to Google</a>");
  private static final HttpClient BROWSER = HttpClient.newHttpClient();

  private ConnectPage() {}

  /** GET of a page, as the browser would ask for it. */
  public static HttpResponse<String> open(String url) throws IOException, InterruptedException {
    return BROWSER.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Opens the consent link's page and returns the Google consent URL its link leads to. */
  public static String continueToGoogle(String link) throws IOException, InterruptedException {
    return continueFrom(open(link));
  }

  /** As {@link #continueToGoogle(String)}, checking that the page names the Telegram user. */
  public static String continueToGoogle(String link, String name)
      throws IOException, InterruptedException {
    HttpResponse<String> page = open(link);
    assertThat(page.body()).contains("Telegram user " + name).doesNotContainIgnoringCase("<script");
    return continueFrom(page);
  }

  private static String continueFrom(HttpResponse<String> page) {
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.headers().firstValue("Location")).isEmpty();
    Matcher href = CONTINUE.matcher(page.body());
    assertThat(href.find()).as("a 'Continue to Google' link in " + page.body()).isTrue();
    return HtmlUtils.htmlUnescape(href.group(1));
  }
}
