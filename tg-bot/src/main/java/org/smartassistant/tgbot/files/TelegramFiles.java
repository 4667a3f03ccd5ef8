package org.smartassistant.tgbot.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.smartassistant.tgbot.telegram.TelegramProperties;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Fetches a user's file from Telegram: {@code getFile} through the one Telegram client, then the
 * file from {@code /file/bot<token>/<file_path>} on the configured Bot API base URL. The download
 * is not telegrambots' {@code downloadFile}: that one always goes to api.telegram.org, whatever
 * base URL the client has, so it would miss a local Bot API server (and the tests' fake); it runs
 * on the same OkHttp client instead.
 */
@Component
class TelegramFiles {

  /** Telegram lets bots download files up to 20 MB. */
  static final long MAX_DOWNLOAD_BYTES = 20L * 1024 * 1024;

  private final TelegramClient client;
  private final OkHttpClient http;
  private final TelegramUrl url;
  private final TelegramProperties properties;

  TelegramFiles(
      TelegramClient client, OkHttpClient http, TelegramUrl url, TelegramProperties properties) {
    this.client = client;
    this.http = http;
    this.url = url;
    this.properties = properties;
  }

  /** The file's bytes. */
  byte[] download(String fileId) throws FileFetchException {
    if (!properties.hasToken()) {
      throw new FileFetchException(FileFetchException.Reason.UNAVAILABLE, "no bot token");
    }
    File file = describe(fileId);
    if (file.getFilePath() == null) {
      throw new FileFetchException(FileFetchException.Reason.NOT_FOUND, "no file_path");
    }
    String address =
        url.getSchema()
            + "://"
            + url.getHost()
            + ":"
            + url.getPort()
            + "/file/bot"
            + properties.botToken()
            + "/"
            + file.getFilePath();
    Request request = new Request.Builder().url(address).get().build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (response.code() == 404) {
        throw new FileFetchException(FileFetchException.Reason.NOT_FOUND, "file gone");
      }
      if (!response.isSuccessful() || body == null) {
        throw new FileFetchException(
            FileFetchException.Reason.UNAVAILABLE, "download answered " + response.code());
      }
      return limited(body.byteStream());
    } catch (IOException e) {
      throw new FileFetchException(FileFetchException.Reason.UNAVAILABLE, e.getMessage());
    }
  }

  private File describe(String fileId) throws FileFetchException {
    try {
      return client.execute(new GetFile(fileId));
    } catch (TelegramApiRequestException e) {
      String said = String.valueOf(e.getApiResponse()).toLowerCase(Locale.ROOT);
      Integer code = e.getErrorCode();
      if (said.contains("file is too big")) {
        throw new FileFetchException(FileFetchException.Reason.TOO_BIG, e.getApiResponse());
      }
      if (code != null && code == 400) {
        throw new FileFetchException(FileFetchException.Reason.NOT_FOUND, e.getApiResponse());
      }
      throw new FileFetchException(FileFetchException.Reason.UNAVAILABLE, e.getApiResponse());
    } catch (TelegramApiException e) {
      throw new FileFetchException(FileFetchException.Reason.UNAVAILABLE, e.getMessage());
    }
  }

  private static byte[] limited(InputStream in) throws IOException, FileFetchException {
    byte[] bytes = in.readNBytes((int) MAX_DOWNLOAD_BYTES + 1);
    if (bytes.length > MAX_DOWNLOAD_BYTES) {
      throw new FileFetchException(FileFetchException.Reason.TOO_BIG, "over 20 MB");
    }
    return bytes;
  }
}
