package org.smartassistant.common.restclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;

/**
 * A client keeps at most its limit of calls (connections) in flight; the others wait their turn, up
 * to the queue timeout.
 */
class ConcurrencyLimitTest {

  interface Things {
    @GetExchange("/things/{id}")
    String thing(@PathVariable String id);
  }

  private HttpServer server;
  private final ExecutorService serverThreads = Executors.newFixedThreadPool(16);
  private final ExecutorService callers = Executors.newFixedThreadPool(16);
  private final Semaphore gate = new Semaphore(0);
  private final AtomicInteger arrived = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(serverThreads);
    server.createContext(
        "/things/",
        exchange -> {
          arrived.incrementAndGet();
          peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            gate.acquire();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inFlight.decrementAndGet();
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    gate.release(1000);
    server.stop(0);
    serverThreads.shutdownNow();
    callers.shutdownNow();
  }

  private Things client(int maxConcurrentCalls, Duration queueTimeout) {
    return ServiceClients.create(
        Things.class,
        RestClient.builder(),
        new ServiceClientProperties(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(20),
            0,
            null,
            maxConcurrentCalls,
            queueTimeout),
        "tok");
  }

  private void awaitArrivals(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (arrived.get() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(arrived).hasValueGreaterThanOrEqualTo(count);
  }

  @Test
  void tenCallsAtOnceReachTheServiceThreeAtATimeAndAllAreAnswered() throws Exception {
    Things things = client(3, Duration.ofSeconds(20));
    List<CompletableFuture<String>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String id = Integer.toString(i);
      calls.add(CompletableFuture.supplyAsync(() -> things.thing(id), callers));
    }
    awaitArrivals(3);
    // time for the other seven to arrive, were they not held back
    Thread.sleep(300);
    assertThat(arrived).hasValue(3);

    for (int answered = 0; answered < 10; answered++) {
      gate.release();
      awaitArrivals(Math.min(10, answered + 4));
    }

    for (CompletableFuture<String> call : calls) {
      assertThat(call.get(20, TimeUnit.SECONDS)).isEqualTo("ok");
    }
    assertThat(peak).hasValue(3);
  }

  @Test
  void aCallThatWaitsLongerThanTheQueueTimeoutFailsLikeAnUnreachableService() throws Exception {
    Things things = client(1, Duration.ofMillis(200));
    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(() -> things.thing("1"), callers);
    awaitArrivals(1);

    assertThatThrownBy(() -> things.thing("2")).isInstanceOf(ResourceAccessException.class);
    assertThat(arrived).hasValue(1);

    gate.release();
    assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("ok");
    // its turn was given back: the next call goes through
    gate.release();
    assertThat(things.thing("3")).isEqualTo("ok");
  }
}
