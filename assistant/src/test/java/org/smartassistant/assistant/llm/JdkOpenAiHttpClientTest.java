package org.smartassistant.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.HttpRequestBody;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The model request's body as the JDK client is given it: whole, once, and again on a resend. */
class JdkOpenAiHttpClientTest {

  @Test
  void aBodyWrittenWholeIsSentFromItsOwnArrayWithoutACopy() {
    byte[] json = "{\"model\":\"m\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
    BodyPublisher publisher = JdkOpenAiHttpClient.publisher(body(json, json.length, 1));

    List<ByteBuffer> sent = drain(publisher);

    assertThat(publisher.contentLength()).isEqualTo(json.length);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).hasArray()).isTrue();
    assertThat(sent.get(0).array()).isSameAs(json);
    assertThat(text(sent)).isEqualTo(new String(json, StandardCharsets.UTF_8));
  }

  @Test
  void aBodyWrittenInPiecesIsSentWhole() {
    byte[] json =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}".getBytes(StandardCharsets.UTF_8);
    BodyPublisher publisher = JdkOpenAiHttpClient.publisher(body(json, json.length, 5));

    List<ByteBuffer> sent = drain(publisher);

    assertThat(publisher.contentLength()).isEqualTo(json.length);
    assertThat(text(sent)).isEqualTo(new String(json, StandardCharsets.UTF_8));
    assertThat(sent.get(0).array()).isNotSameAs(json);
  }

  @Test
  void aBodyOfAnUnknownLengthIsSentWithTheLengthItHad() {
    byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    BodyPublisher publisher = JdkOpenAiHttpClient.publisher(body(json, -1, 1));

    assertThat(publisher.contentLength()).isEqualTo(json.length);
    assertThat(text(drain(publisher))).isEqualTo("{\"a\":1}");
  }

  @Test
  void aBodySentAgainIsSentWholeAgain() {
    byte[] json = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    BodyPublisher publisher = JdkOpenAiHttpClient.publisher(body(json, json.length, 1));

    assertThat(text(drain(publisher))).isEqualTo("{\"model\":\"m\"}");
    assertThat(text(drain(publisher))).isEqualTo("{\"model\":\"m\"}");
    assertThat(json).isEqualTo("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anEmptyBodyIsNoBody() {
    BodyPublisher publisher = JdkOpenAiHttpClient.publisher(body(new byte[0], 0, 1));

    assertThat(publisher.contentLength()).isZero();
    assertThat(drain(publisher)).isEmpty();
  }

  /** A body of the SDK's kind: it writes {@code bytes} in {@code pieces} calls. */
  private static HttpRequestBody body(byte[] bytes, long announced, int pieces) {
    return new HttpRequestBody() {
      @Override
      public void writeTo(OutputStream out) {
        try {
          if (pieces == 1) {
            out.write(bytes);
            return;
          }
          int step = Math.max(1, bytes.length / pieces);
          for (int at = 0; at < bytes.length; at += step) {
            out.write(bytes, at, Math.min(step, bytes.length - at));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public String contentType() {
        return "application/json";
      }

      @Override
      public long contentLength() {
        return announced;
      }

      @Override
      public boolean repeatable() {
        return true;
      }

      @Override
      public void close() {}
    };
  }

  /** Subscribes as the JDK client does and takes every buffer the publisher sends. */
  private static List<ByteBuffer> drain(BodyPublisher publisher) {
    List<ByteBuffer> buffers = new ArrayList<>();
    boolean[] completed = {false};
    publisher.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(ByteBuffer item) {
            buffers.add(item);
          }

          @Override
          public void onError(Throwable throwable) {
            throw new AssertionError(throwable);
          }

          @Override
          public void onComplete() {
            completed[0] = true;
          }
        });
    assertThat(completed[0]).as("the publisher completed").isTrue();
    return buffers;
  }

  private static String text(List<ByteBuffer> buffers) {
    StringBuilder text = new StringBuilder();
    for (ByteBuffer buffer : buffers) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      text.append(new String(bytes, StandardCharsets.UTF_8));
    }
    return text.toString();
  }
}
