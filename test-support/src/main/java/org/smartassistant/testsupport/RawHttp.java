package org.smartassistant.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One HTTP/1.1 request written byte for byte on a socket: the request line reaches the server
 * exactly as given ({@code ;}, {@code %61}, {@code //}, {@code /./} untouched), which no HTTP
 * client library guarantees.
 */
public final class RawHttp {

  private RawHttp() {}

  /** Status line's code and the whole answer (headers and body) as text. */
  public record Answer(int status, String text) {

    public boolean successful() {
      return status >= 200 && status < 300;
    }
  }

  /** A route of a service: an HTTP method and a path pattern such as {@code /api/users/{id}}. */
  public record Route(String method, String pattern) {}

  /** Every route Spring MVC maps (a mapping without a method counts as GET). */
  public static List<Route> routes(RequestMappingHandlerMapping mappings) {
    List<Route> routes = new ArrayList<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              var methods = info.getMethodsCondition().getMethods();
              for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                  routes.add(new Route("GET", pattern));
                } else {
                  for (RequestMethod method : methods) {
                    routes.add(new Route(method.name(), pattern));
                  }
                }
              }
            });
    return routes;
  }

  /** All the path forms a guarded route is tried in without the token. */
  public static List<String> tricks(String path) {
    int second = path.indexOf('/', 1);
    String first = second < 0 ? path.substring(1) : path.substring(1, second);
    String rest = second < 0 ? "" : path.substring(second);
    String encodedFirst = String.format("%%%02x", (int) first.charAt(0)) + first.substring(1);
    List<String> forms = new ArrayList<>();
    forms.add(path);
    forms.add("/" + first + ";x" + rest);
    forms.add("/" + first + ";" + rest);
    forms.add("/" + encodedFirst + rest);
    forms.add("/" + path);
    forms.add("/" + first + "/." + (rest.isEmpty() ? "/" : rest));
    forms.add("/" + first + "/x/.." + (rest.isEmpty() ? "/" : rest));
    forms.add(path + "/");
    forms.add("/" + first.toUpperCase(java.util.Locale.ROOT) + rest);
    return forms;
  }

  public static Answer send(int port, String method, String rawPath, String token, String json)
      throws IOException {
    byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(rawPath).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    head.append("Connection: close\r\n");
    head.append("Accept: */*\r\n");
    if (token != null) {
      head.append("X-Internal-Token: ").append(token).append("\r\n");
    }
    if (json != null) {
      head.append("Content-Type: application/json\r\n");
    }
    if (json != null || !method.equals("GET")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      String text = answer.toString(StandardCharsets.UTF_8);
      int status = text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
      return new Answer(status, text);
    }
  }
}
