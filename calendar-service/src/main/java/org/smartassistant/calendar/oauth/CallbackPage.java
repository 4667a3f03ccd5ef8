package org.smartassistant.calendar.oauth;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The small HTML page the user's browser shows after Google's consent. The callback URL carries the
 * code and state, so the page is never cached and sends no referrer with its link.
 */
final class CallbackPage {

  private CallbackPage() {}

  static ResponseEntity<String> render(
      HttpStatus status, String title, String message, String botLink) {
    String link =
        botLink == null
            ? "<p>You can close this page and go back to Telegram.</p>"
            : "<p><a href=\"" + HtmlUtils.htmlEscape(botLink) + "\">Back to the bot</a></p>";
    return page(status, title, message, link);
  }

  /** A page with one link the user chooses to follow (nothing happens by itself). */
  static ResponseEntity<String> render(
      HttpStatus status, String title, String message, String linkText, String url) {
    return page(
        status,
        title,
        message,
        "<p><a id=\"continue\" href=\""
            + HtmlUtils.htmlEscape(url)
            + "\">"
            + HtmlUtils.htmlEscape(linkText)
            + "</a></p>");
  }

  private static ResponseEntity<String> page(
      HttpStatus status, String title, String message, String link) {
    String html =
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title>
        <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>
        </head>
        <body>
        <h1>%s</h1>
        <p>%s</p>
        %s
        </body>
        </html>
        """
            .formatted(
                HtmlUtils.htmlEscape(title),
                HtmlUtils.htmlEscape(title),
                HtmlUtils.htmlEscape(message),
                link);
    return ResponseEntity.status(status)
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .header("Referrer-Policy", "no-referrer")
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .body(html);
  }
}
