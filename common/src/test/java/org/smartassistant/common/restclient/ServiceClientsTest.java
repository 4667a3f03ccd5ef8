package org.smartassistant.common.restclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.IdempotencyKey;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

class ServiceClientsTest {

  interface Things {
    @GetExchange("/things/{id}")
    String thing(@PathVariable String id);

    @PostExchange("/things/new")
    String create(@RequestBody String body);

    @PostExchange("/things/new")
    String create(
        @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
        @RequestBody String body);
  }

  private HttpServer server;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private final List<String> tokens = new CopyOnWriteArrayList<>();
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private volatile int failureStatus = 503;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/things/",
        exchange -> {
          calls.incrementAndGet();
          tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Internal-Token")));
          keys.add(String.valueOf(exchange.getRequestHeaders().getFirst(IdempotencyKey.HEADER)));
          exchange.getRequestBody().readAllBytes();
          boolean fail = failuresLeft.getAndDecrement() > 0;
          byte[] body = (fail ? "{}" : "ok").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain");
          exchange.sendResponseHeaders(fail ? failureStatus : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private Things client(String url) {
    return ServiceClients.create(
        Things.class,
        RestClient.builder(),
        new ServiceClientProperties(
            url, Duration.ofMillis(500), Duration.ofSeconds(2), 3, Duration.ofMillis(10)),
        "tok");
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void retriesServerErrorsAndSendsTheToken() {
    failuresLeft.set(2);

    assertThat(client(url()).thing("1")).isEqualTo("ok");
    assertThat(calls).hasValue(3);
    assertThat(tokens).containsOnly("tok");
  }

  @Test
  void aRetriedCallGivesBackTheConnectionOfEachFailedAttempt() {
    failuresLeft.set(2);
    // one connection: an attempt whose 5xx answer kept it would leave none for the next
    Things oneConnection =
        ServiceClients.create(
            Things.class,
            RestClient.builder(),
            new ServiceClientProperties(
                url(),
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                3,
                Duration.ofMillis(10),
                1,
                Duration.ofMillis(500)),
            "tok");

    assertThat(oneConnection.thing("1")).isEqualTo("ok");
    assertThat(calls).hasValue(3);
    assertThat(oneConnection.thing("2")).isEqualTo("ok");
  }

  @Test
  void givesUpAfterTheRetriesWithTheServerError() {
    failuresLeft.set(10);

    assertThatThrownBy(() -> client(url()).thing("1")).isInstanceOf(HttpServerErrorException.class);
    assertThat(calls).hasValue(4);
  }

  @Test
  void neverRetriesAClientError() {
    failuresLeft.set(1);
    failureStatus = 404;

    assertThatThrownBy(() -> client(url()).thing("1"))
        .isInstanceOf(HttpClientErrorException.NotFound.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void aPostWithoutAnIdempotencyKeyIsSentOnce() {
    failuresLeft.set(1);

    assertThatThrownBy(() -> client(url()).create("x"))
        .isInstanceOf(HttpServerErrorException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void aPostWithAnIdempotencyKeyIsRetried() {
    failuresLeft.set(2);

    assertThat(client(url()).create("k-1", "x")).isEqualTo("ok");
    assertThat(calls).hasValue(3);
    assertThat(keys).containsOnly("k-1");
  }

  @Test
  void aNullIdempotencyKeySendsNoneAndIsNotRetried() {
    failuresLeft.set(1);

    assertThatThrownBy(() -> client(url()).create(null, "x"))
        .isInstanceOf(HttpServerErrorException.class);
    assertThat(calls).hasValue(1);
    assertThat(keys).containsOnly("null");
  }

  @Test
  void retriesConnectionErrorsThenReportsThem() {
    String deadUrl = url();
    server.stop(0);

    assertThatThrownBy(() -> client(deadUrl).thing("1"))
        .isInstanceOf(ResourceAccessException.class);
  }
}
