package org.smartassistant.common.restclient;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.smartassistant.common.security.InternalTokenInterceptor;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Builds the typed clients of the other services: an {@code @HttpExchange} interface on a {@link
 * RestClient} with timeouts, the internal token, a bounded pool of connections and retries on
 * 5xx/connection errors of the calls that may be repeated (see {@link
 * RetryOnServerErrorInterceptor}).
 */
public final class ServiceClients {

  private ServiceClients() {}

  /** A client of another service: timeouts, the internal token, bounded concurrency, retries. */
  public static RestClient restClient(
      RestClient.Builder builder, ServiceClientProperties properties, String internalToken) {
    return timedOut(builder, properties)
        .requestInterceptor(new InternalTokenInterceptor(internalToken))
        .requestInterceptor(retries(properties))
        .build();
  }

  /**
   * A client of a public API outside the deployment (no internal token): the same timeouts and
   * retries as between services.
   */
  public static RestClient externalClient(
      RestClient.Builder builder, ServiceClientProperties properties) {
    return timedOut(builder, properties).requestInterceptor(retries(properties)).build();
  }

  private static RestClient.Builder timedOut(
      RestClient.Builder builder, ServiceClientProperties properties) {
    return builder
        .clone()
        .baseUrl(properties.url())
        .requestFactory(new HttpComponentsClientHttpRequestFactory(pooled(properties)));
  }

  /**
   * Apache HttpClient's classic (blocking) client on a pool of at most {@code maxConcurrentCalls}
   * connections: a call runs on the caller's thread, with no hand-over to selector or worker
   * threads, and a call past the limit waits for a connection up to {@code queueTimeout}. The JDK
   * client served the same calls with four thread hand-overs each and opened a connection for every
   * concurrent call, without a limit: a burst of a thousand users overflowed rest-service's accept
   * queue (connects timed out) and made the client's connection pool, scanned under one lock, the
   * caller's hottest spot. Retries are ours ({@link RetryOnServerErrorInterceptor}), not the
   * library's; redirects are not followed, as before.
   */
  private static CloseableHttpClient pooled(ServiceClientProperties properties) {
    PoolingHttpClientConnectionManager connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(properties.maxConcurrentCalls())
            .setMaxConnPerRoute(properties.maxConcurrentCalls())
            .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                    .setSocketTimeout(Timeout.of(properties.readTimeout()))
                    // a connection idle for a second is checked before it is used again: the
                    // service may have restarted
                    .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                    .build())
            .build();
    return HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(
            RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(properties.queueTimeout()))
                .setResponseTimeout(Timeout.of(properties.readTimeout()))
                .build())
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableContentCompression()
        .build();
  }

  private static RetryOnServerErrorInterceptor retries(ServiceClientProperties properties) {
    return new RetryOnServerErrorInterceptor(properties.maxRetries(), properties.retryDelay());
  }

  public static <T> T create(
      Class<T> api,
      RestClient.Builder builder,
      ServiceClientProperties properties,
      String internalToken) {
    RestClient restClient = restClient(builder, properties, internalToken);
    return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
        .build()
        .createClient(api);
  }
}
