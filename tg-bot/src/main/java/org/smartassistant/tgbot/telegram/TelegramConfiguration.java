package org.smartassistant.tgbot.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.smartassistant.tgbot.format.MessageSplitter;
import org.smartassistant.tgbot.format.TelegramMarkdown;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.support.ExecutorServiceAdapter;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The one Telegram client of the service (telegrambots' OkHttp client on the configured Bot API
 * base URL) and what sends through it.
 */
@Configuration(proxyBeanMethods = false)
class TelegramConfiguration {

  /** How long transient Telegram failures are retried by one send before the caller is told. */
  private static final Duration SEND_PATIENCE = Duration.ofMinutes(2);

  @Bean
  TelegramUrl telegramUrl(TelegramProperties properties) {
    return telegramUrl(properties.apiUrl());
  }

  static TelegramUrl telegramUrl(URI apiUrl) {
    String scheme = apiUrl.getScheme() == null ? "https" : apiUrl.getScheme();
    int port = apiUrl.getPort() > 0 ? apiUrl.getPort() : ("http".equals(scheme) ? 80 : 443);
    if (apiUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "TELEGRAM_API_URL must be an absolute URL such as https://api.telegram.org, was "
              + apiUrl);
    }
    return new TelegramUrl(scheme, apiUrl.getHost(), port, false);
  }

  @Bean(destroyMethod = "")
  OkHttpClient telegramHttpClient() {
    // telegrambots' execute() is executeAsync().get(): every call went to OkHttp's dispatcher
    // thread and back. Every caller here waits for its call, so the call runs on the caller's own
    // thread (a synchronous executor); the limits below keep calls from queueing behind others
    Dispatcher dispatcher = new Dispatcher(new ExecutorServiceAdapter(new SyncTaskExecutor()));
    dispatcher.setMaxRequests(512);
    dispatcher.setMaxRequestsPerHost(512);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(30))
        .build();
  }

  @Bean
  TelegramClient telegramClient(
      OkHttpClient telegramHttpClient, TelegramProperties properties, TelegramUrl telegramUrl) {
    String token = properties.hasToken() ? properties.botToken() : "unset";
    return new OkHttpTelegramClient(telegramHttpClient, token, telegramUrl);
  }

  @Bean
  ChatPacer chatPacer(TelegramProperties properties) {
    return new ChatPacer(properties.rate());
  }

  @Bean
  TelegramSender telegramSender(TelegramClient telegramClient, ChatPacer chatPacer) {
    return new TelegramSender(telegramClient, chatPacer, SEND_PATIENCE);
  }

  @Bean
  TelegramMarkdown telegramMarkdown() {
    return new TelegramMarkdown();
  }

  @Bean
  MessageSplitter messageSplitter() {
    return new MessageSplitter();
  }
}
