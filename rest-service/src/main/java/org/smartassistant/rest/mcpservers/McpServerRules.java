package org.smartassistant.rest.mcpservers;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.smartassistant.common.api.McpServerRequest;
import org.smartassistant.common.api.McpTransport;
import org.smartassistant.rest.web.FieldErrors;

/** The checks a registration passes beyond its annotations: transport, endpoint and lists. */
final class McpServerRules {

  /** RFC 9110 token characters. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final int MAX_HEADER_VALUE = 4000;
  private static final int MAX_NAME = 128;

  private McpServerRules() {}

  static void check(McpServerRequest request, boolean stdioEnabled) {
    FieldErrors errors = new FieldErrors();
    boolean hasUrl = request.url() != null && !request.url().isBlank();
    boolean hasCommand = request.command() != null && !request.command().isBlank();
    boolean hasHeaders = request.headers() != null && !request.headers().isEmpty();
    boolean hasArgs = request.args() != null && !request.args().isEmpty();
    if (request.transport() == McpTransport.STDIO) {
      if (!stdioEnabled) {
        errors.reject(
            "transport", "stdio MCP servers are disabled here (set MCP_STDIO_ENABLED=true)");
      }
      if (!hasCommand) {
        errors.reject("command", "is required for a stdio server");
      }
      if (hasUrl) {
        errors.reject("url", "is only allowed for an HTTP transport");
      }
      if (hasHeaders) {
        errors.reject("headers", "are only allowed for an HTTP transport");
      }
    } else if (request.transport() != null) {
      if (!hasUrl) {
        errors.reject("url", "is required for the " + wire(request.transport()) + " transport");
      } else {
        checkUrl(request.url().trim(), errors);
      }
      if (hasCommand) {
        errors.reject("command", "is only allowed for a stdio server");
      }
      if (hasArgs) {
        errors.reject("args", "are only allowed for a stdio server");
      }
      checkHeaders(request.headers(), errors);
    }
    checkNames("args", request.args(), 1000, errors);
    checkNames("allowedTools", request.allowedTools(), MAX_NAME, errors);
    errors.throwIfAny();
  }

  private static void checkUrl(String url, FieldErrors errors) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        errors.reject("url", "must be an http or https URL");
      } else if (uri.getHost() == null || uri.getHost().isBlank()) {
        errors.reject("url", "must name a host");
      } else if (uri.getRawUserInfo() != null) {
        errors.reject("url", "must not carry a user or password; use headers");
      } else if (uri.getRawFragment() != null) {
        errors.reject("url", "must not have a fragment");
      }
    } catch (URISyntaxException e) {
      errors.reject("url", "is not a valid URL: " + e.getReason());
    }
  }

  private static void checkHeaders(Map<String, String> headers, FieldErrors errors) {
    if (headers == null) {
      return;
    }
    headers.forEach(
        (name, value) -> {
          if (name == null || !HEADER_NAME.matcher(name).matches()) {
            errors.reject("headers", "'" + name + "' is not a valid header name");
          } else if (value == null
              || value.length() > MAX_HEADER_VALUE
              || CONTROL.matcher(value).find()) {
            errors.reject(
                "headers",
                "the value of '"
                    + name
                    + "' must be at most "
                    + MAX_HEADER_VALUE
                    + " characters without line breaks");
          }
        });
  }

  private static void checkNames(String field, List<String> names, int max, FieldErrors errors) {
    if (names == null) {
      return;
    }
    for (String name : names) {
      if (name == null || name.isBlank() || name.length() > max || CONTROL.matcher(name).find()) {
        errors.reject(
            field, "each entry must be 1 to " + max + " characters without control characters");
        return;
      }
    }
  }

  private static String wire(McpTransport transport) {
    return transport.name().toLowerCase(Locale.ROOT);
  }
}
