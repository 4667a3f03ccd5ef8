package org.smartassistant.common.restclient;

import java.net.http.HttpClient;
import org.smartassistant.common.security.InternalTokenInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Builds the typed clients of the other services: an {@code @HttpExchange} interface on a {@link
 * RestClient} with timeouts, the internal token, at most so many calls in flight ({@link
 * ConcurrencyLimitInterceptor}) and retries on 5xx/connection errors of the calls that may be
 * repeated (see {@link RetryOnServerErrorInterceptor}).
 */
public final class ServiceClients {

  private ServiceClients() {}

  /** A client of another service: timeouts, the internal token, bounded concurrency, retries. */
  public static RestClient restClient(
      RestClient.Builder builder, ServiceClientProperties properties, String internalToken) {
    return timedOut(builder, properties)
        .requestInterceptor(new InternalTokenInterceptor(internalToken))
        .requestInterceptor(concurrencyLimit(properties))
        .requestInterceptor(retries(properties))
        .build();
  }

  /**
   * A client of a public API outside the deployment (no internal token): the same timeouts and
   * retries as between services.
   */
  public static RestClient externalClient(
      RestClient.Builder builder, ServiceClientProperties properties) {
    return timedOut(builder, properties)
        .requestInterceptor(concurrencyLimit(properties))
        .requestInterceptor(retries(properties))
        .build();
  }

  private static RestClient.Builder timedOut(
      RestClient.Builder builder, ServiceClientProperties properties) {
    HttpClient httpClient =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
    requestFactory.setReadTimeout(properties.readTimeout());
    return builder.clone().baseUrl(properties.url()).requestFactory(requestFactory);
  }

  /** Outside the retries: a call keeps its turn while it is retried. */
  private static ConcurrencyLimitInterceptor concurrencyLimit(ServiceClientProperties properties) {
    return new ConcurrencyLimitInterceptor(
        properties.url(), properties.maxConcurrentCalls(), properties.queueTimeout());
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
