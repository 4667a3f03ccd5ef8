package org.smartassistant.testsupport.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link FakeOpenAi}'s {@code POST /v1/audio/transcriptions}: a {@code multipart/form-data} request
 * with {@code file} and {@code model} (as OpenAI and Whisper servers take it), answered {@code
 * {"text": ...}}. The transcript is, unless a test says otherwise, the audio's bytes read as UTF-8:
 * a test "records" a voice note by writing what it says. Every request is recorded. A request
 * without {@code file} or {@code model} gets OpenAI's 400.
 */
public final class OpenAiTranscriptions {

  /**
   * A transcription request.
   *
   * @param model the {@code model} field
   * @param fileName the file part's file name
   * @param contentType the file part's content type
   * @param audio the file's bytes
   * @param apiKey the bearer token of the Authorization header, or null
   */
  public record Transcription(
      String model, String fileName, String contentType, byte[] audio, String apiKey) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Object lock = new Object();

  // guarded by lock
  private final List<Transcription> requests = new ArrayList<>();
  private Function<byte[], String> transcriber = audio -> new String(audio, StandardCharsets.UTF_8);

  /** Forgets the requests and the transcriber. */
  public void reset() {
    synchronized (lock) {
      requests.clear();
      transcriber = audio -> new String(audio, StandardCharsets.UTF_8);
    }
  }

  /** What the transcript of some audio is. */
  public OpenAiTranscriptions transcribeWith(Function<byte[], String> transcriber) {
    synchronized (lock) {
      this.transcriber = transcriber;
    }
    return this;
  }

  /** The transcription requests received, in order. */
  public List<Transcription> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  void handle(HttpExchange exchange, byte[] body) {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    Map<String, Part> parts = parse(type, body);
    Part file = parts.get("file");
    Part model = parts.get("model");
    if (file == null || model == null) {
      String missing = file == null ? "file" : "model";
      FakeHttpServer.respond(
          exchange, 400, Map.of(), error("Missing required parameter: '" + missing + "'."));
      return;
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String apiKey =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7).trim()
            : null;
    Function<byte[], String> transcribe;
    synchronized (lock) {
      requests.add(
          new Transcription(
              new String(model.content(), StandardCharsets.UTF_8),
              file.fileName(),
              file.contentType(),
              file.content(),
              apiKey));
      transcribe = transcriber;
    }
    Map<String, String> answer = Map.of("text", transcribe.apply(file.content()));
    FakeHttpServer.respond(exchange, 200, Map.of(), JSON.writeValueAsBytes(answer));
  }

  private static byte[] error(String message) {
    return JSON.writeValueAsBytes(
        Map.of(
            "error", Map.of("message", message, "type", "invalid_request_error", "param", "file")));
  }

  private record Part(String fileName, String contentType, byte[] content) {}

  /**
   * The parts of a multipart/form-data body by name; written here as the JDK's server has no
   * parser, and a fake must see exactly what the client put on the wire.
   */
  private static Map<String, Part> parse(String contentType, byte[] body) {
    Map<String, Part> parts = new LinkedHashMap<>();
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      return parts;
    }
    int at = contentType.indexOf("boundary=");
    if (at < 0) {
      return parts;
    }
    String boundary = contentType.substring(at + 9).split(";")[0].replace("\"", "").trim();
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int start = indexOf(body, delimiter, 0);
    while (start >= 0) {
      int headersStart = start + delimiter.length + 2; // CRLF after the delimiter
      if (headersStart > body.length || body[start + delimiter.length] == '-') {
        break; // the closing delimiter "--boundary--"
      }
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      int next = indexOf(body, delimiter, headersEnd);
      if (headersEnd < 0 || next < 0) {
        break;
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next - 2);
      String name = attribute(headers, "name");
      if (name != null) {
        parts.put(name, new Part(attribute(headers, "filename"), header(headers), content));
      }
      start = next;
    }
    return parts;
  }

  private static String attribute(String headers, String name) {
    String marker = " " + name + "=\"";
    int at = headers.indexOf(marker);
    if (at < 0) {
      marker = ";" + name + "=\"";
      at = headers.indexOf(marker);
    }
    if (at < 0) {
      return null;
    }
    int end = headers.indexOf('"', at + marker.length());
    return headers.substring(at + marker.length(), end);
  }

  private static String header(String headers) {
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
        return line.substring(13).trim();
      }
    }
    return null;
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = Math.max(from, 0); i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
