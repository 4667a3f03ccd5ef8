package org.smartassistant.assistant.llm;

import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIIoException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Mono;

/**
 * The OpenAI SDK's HTTP transport over the JDK's {@link java.net.http.HttpClient}, in place of the
 * OkHttp transport Spring AI builds by default.
 *
 * <p>Why: OkHttp leaves Nagle's algorithm on and writes a request body of more than 16 KB (any
 * prompt with the tool definitions) in several segments, so the last one waits for the server's
 * delayed ACK: about 40 ms added to every model call on Linux, and neither the SDK nor Spring AI
 * offers a socket factory to change it. The JDK client writes with {@code TCP_NODELAY}. The SDK
 * wraps this transport with its own retries, headers and timeouts, as it does OkHttp's.
 */
final class JdkOpenAiHttpClient implements HttpClient {

  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final java.net.http.HttpClient client;

  JdkOpenAiHttpClient(Duration connectTimeout) {
    this.client =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            // the client's own tasks and the response's stages run on its selector thread, not
            // handed to a pool of its own: none of them blocks (the SDK reads a streamed body on
            // its
            // own thread, and waits between retries on a timer); 9 thread switches fewer per
            // message (./manage.sh bench)
            .executor(Runnable::run)
            .build();
  }

  @Override
  public HttpResponse execute(HttpRequest request, RequestOptions options) {
    try {
      return adapt(client.send(toJdk(request, options), BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new OpenAIIoException("the model request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenAIIoException("the model request was interrupted", e);
    }
  }

  @Override
  public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
    return client
        .sendAsync(toJdk(request, options), BodyHandlers.ofInputStream())
        .handle(
            (response, failure) -> {
              if (failure == null) {
                return adapt(response);
              }
              Throwable cause =
                  failure instanceof CompletionException ? failure.getCause() : failure;
              throw new OpenAIIoException("the model request failed: " + cause.getMessage(), cause);
            });
  }

  @Override
  public void close() {
    // a JDK 17 client has nothing to close: its idle connections time out by themselves
  }

  private static java.net.http.HttpRequest toJdk(HttpRequest request, RequestOptions options) {
    java.net.http.HttpRequest.Builder jdk =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
    Timeout timeout = options.getTimeout();
    if (timeout != null && timeout.request() != null && !timeout.request().isZero()) {
      jdk.timeout(timeout.request());
    }
    Headers headers = request.headers();
    for (String name : headers.names()) {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        headers.values(name).forEach(value -> jdk.header(name, value));
      }
    }
    HttpRequestBody body = request.body();
    if (body != null && body.contentType() != null) {
      jdk.header("Content-Type", body.contentType());
    }
    return jdk.method(request.method().name(), publisher(body)).build();
  }

  /**
   * The request's body for the JDK client, held once while the request is in flight (a model call
   * is in flight for as long as the model writes: seconds, with many users at once).
   *
   * <p>The JDK's own byte-array publishers copy the array into buffers of their own when the
   * request is sent, and the buffers stay with the request until it completes. With the copy this
   * transport used to make from the SDK's bytes, a turn held its prompt three times while the model
   * wrote; in a burst of 1000 users at once (./manage.sh bench) these copies were about an eighth
   * of the assistant's live heap, which every young collection copies again. Here the JDK is given
   * the body's array itself, wrapped, and asks for it anew each time it sends the body.
   */
  static BodyPublisher publisher(HttpRequestBody body) {
    if (body == null) {
      return BodyPublishers.noBody();
    }
    BodyBytes bytes = new BodyBytes(body.contentLength());
    body.writeTo(bytes);
    int length = bytes.length();
    if (length == 0) {
      return BodyPublishers.noBody();
    }
    byte[] array = bytes.array();
    return BodyPublishers.fromPublisher(
        JdkFlowAdapter.publisherToFlowPublisher(
            Mono.fromSupplier(() -> ByteBuffer.wrap(array, 0, length))),
        length);
  }

  /**
   * A body's bytes as it writes them. A body that writes the whole of its announced length in one
   * call from an array of exactly that length is kept as that array, without a copy: the SDK's JSON
   * body writes the array it serialised the request into, once, and keeps it unchanged for retries
   * ({@code HttpRequestBodies.json}). Any other body (in several writes, of an unknown length) is
   * copied into a buffer of its own.
   */
  private static final class BodyBytes extends OutputStream {

    private final long announced;
    private byte[] whole;
    private Buffer buffer;

    BodyBytes(long announced) {
      this.announced = announced;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      if (whole == null
          && buffer == null
          && offset == 0
          && length == bytes.length
          && length == announced) {
        whole = bytes;
        return;
      }
      buffer().write(bytes, offset, length);
    }

    @Override
    public void write(int b) {
      buffer().write(b);
    }

    /** The bytes written, the first {@link #length()} of them; called only when some were. */
    byte[] array() {
      return buffer == null ? whole : buffer.array();
    }

    int length() {
      return buffer == null ? (whole == null ? 0 : whole.length) : buffer.size();
    }

    private Buffer buffer() {
      if (buffer == null) {
        buffer = new Buffer(announced > 0 && announced < Integer.MAX_VALUE ? (int) announced : 256);
        if (whole != null) {
          buffer.write(whole, 0, whole.length);
          whole = null;
        }
      }
      return buffer;
    }
  }

  /** A growing buffer whose array is handed on as it is: the first {@code size()} bytes count. */
  private static final class Buffer extends ByteArrayOutputStream {

    Buffer(int capacity) {
      super(capacity);
    }

    byte[] array() {
      return buf;
    }
  }

  private static HttpResponse adapt(java.net.http.HttpResponse<InputStream> response) {
    Headers.Builder headers = Headers.builder();
    response.headers().map().forEach(headers::put);
    Headers built = headers.build();
    return new HttpResponse() {
      @Override
      public int statusCode() {
        return response.statusCode();
      }

      @Override
      public Headers headers() {
        return built;
      }

      @Override
      public InputStream body() {
        return response.body();
      }

      @Override
      public void close() {
        try {
          response.body().close();
        } catch (IOException e) {
          // the connection goes back to the pool or is dropped either way
        }
      }
    };
  }
}
