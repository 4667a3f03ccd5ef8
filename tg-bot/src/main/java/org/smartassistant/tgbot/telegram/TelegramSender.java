package org.smartassistant.tgbot.telegram;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.retry.BoundedRetry;
import org.smartassistant.tgbot.format.StyledText;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboard;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Every call tg-bot makes to Telegram goes through here: messages are paced ({@link ChatPacer}),
 * sent as HTML and resent as plain text when Telegram cannot parse the entities, a 429 is waited
 * out for its {@code retry_after} and the same message sent again, 5xx and network errors are
 * retried with backoff for a while ({@link BoundedRetry}: 250 ms doubling to 10 s, within the
 * patience). What cannot be sent ends in a {@link TelegramDeliveryException} that says whether a
 * later attempt can help.
 */
public class TelegramSender {

  private static final Logger log = LoggerFactory.getLogger(TelegramSender.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final TelegramClient client;
  private final ChatPacer pacer;
  private final Duration patience;
  private final RetryTemplate retry;

  /**
   * @param patience how long 5xx answers and network errors are retried before giving up
   */
  public TelegramSender(TelegramClient client, ChatPacer pacer, Duration patience) {
    this.client = client;
    this.pacer = pacer;
    this.patience = patience;
    this.retry =
        BoundedRetry.within(patience, FIRST_BACKOFF, MAX_BACKOFF)
            .template(failure -> failure instanceof TelegramApiException, new RetryLog());
  }

  /** Sends the text as Telegram HTML, or as plain text if Telegram rejects the entities. */
  public Message send(long chatId, StyledText text) throws InterruptedException {
    return send(chatId, text, null);
  }

  /** As {@link #send(long, StyledText)}, with an inline keyboard under the message. */
  public Message send(long chatId, StyledText text, ReplyKeyboard keyboard)
      throws InterruptedException {
    return send(chatId, text, keyboard, null);
  }

  /**
   * As {@link #send(long, StyledText, ReplyKeyboard)}, as a reply to the chat's message {@code
   * replyTo} (null: none); sent all the same if that message is gone.
   */
  public Message send(long chatId, StyledText text, ReplyKeyboard keyboard, Integer replyTo)
      throws InterruptedException {
    ReplyParameters quoted =
        replyTo == null
            ? null
            : ReplyParameters.builder().messageId(replyTo).allowSendingWithoutReply(true).build();
    return call(
        chatId,
        true,
        () ->
            SendMessage.builder()
                .chatId(chatId)
                .text(text.html())
                .parseMode(ParseMode.HTML)
                .replyMarkup(keyboard)
                .replyParameters(quoted)
                .build(),
        () ->
            SendMessage.builder()
                .chatId(chatId)
                .text(text.plainText())
                .replyMarkup(keyboard)
                .replyParameters(quoted)
                .build());
  }

  /** Replaces the text of a message the bot sent; an inline keyboard under it goes away. */
  public void edit(long chatId, int messageId, StyledText text) throws InterruptedException {
    call(
        chatId,
        true,
        () ->
            EditMessageText.builder()
                .chatId(chatId)
                .messageId(messageId)
                .text(text.html())
                .parseMode(ParseMode.HTML)
                .build(),
        () ->
            EditMessageText.builder()
                .chatId(chatId)
                .messageId(messageId)
                .text(text.plainText())
                .build());
  }

  /** Answers a button press (stops the client's progress indicator), with an optional notice. */
  public void answerCallback(long chatId, String callbackQueryId, String notice)
      throws InterruptedException {
    call(
        chatId,
        false,
        null,
        () -> AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId).text(notice).build());
  }

  /**
   * Shows "typing…" in the chat. Best effort: a failure only costs the indicator, so it is logged
   * and not retried.
   */
  public void typing(long chatId) {
    try {
      client.execute(SendChatAction.builder().chatId(chatId).action("typing").build());
    } catch (TelegramApiException e) {
      log.debug("typing indicator for chat {} failed: {}", chatId, e.getMessage());
    }
  }

  /** Registers the command menu shown in Telegram clients. */
  public void setCommands(List<BotCommand> commands) throws TelegramApiException {
    client.execute(SetMyCommands.builder().commands(commands).build());
  }

  /**
   * Runs a call with pacing and the failure rules above; {@code formatted} may be null when there
   * is only a plain form.
   */
  private <T extends Serializable> T call(
      long chatId,
      boolean paced,
      Supplier<? extends BotApiMethod<T>> formatted,
      Supplier<? extends BotApiMethod<T>> plain)
      throws InterruptedException {
    try {
      return retry.execute(new Attempt<>(chatId, paced, formatted, plain));
    } catch (RetryException e) {
      Throwable last = e.getLastException();
      if (last instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while calling Telegram");
      }
      if (last instanceof TelegramApiException failure) {
        throw new TelegramUnavailableException(
            chatId,
            "Telegram failed for chat " + chatId + " for " + patience + ": " + describe(failure),
            failure);
      }
      if (last instanceof RuntimeException refused) {
        throw refused; // a TelegramDeliveryException that no retry helps, or a bug
      }
      throw new IllegalStateException("calling Telegram failed", last);
    }
  }

  /**
   * One attempt of a call. Telegram's own instructions are followed within it: a 429 is waited out
   * for its {@code retry_after} and the message sent again, entities Telegram cannot parse are sent
   * again as plain text. A 5xx or network error ends the attempt with the {@link
   * TelegramApiException} the policy retries; a 403 or another 4xx with a {@link
   * TelegramDeliveryException} it does not.
   */
  private final class Attempt<T extends Serializable> implements Retryable<T> {
    private final long chatId;
    private final boolean paced;
    private final Supplier<? extends BotApiMethod<T>> formatted;
    private final Supplier<? extends BotApiMethod<T>> plain;
    private boolean usePlain;

    Attempt(
        long chatId,
        boolean paced,
        Supplier<? extends BotApiMethod<T>> formatted,
        Supplier<? extends BotApiMethod<T>> plain) {
      this.chatId = chatId;
      this.paced = paced;
      this.formatted = formatted;
      this.plain = plain;
      this.usePlain = formatted == null;
    }

    @Override
    public String getName() {
      return "Telegram call for chat " + chatId;
    }

    @Override
    public T execute() throws TelegramApiException, InterruptedException {
      while (true) {
        if (paced) {
          pacer.acquire(chatId);
        }
        try {
          return client.execute(usePlain ? plain.get() : formatted.get());
        } catch (TelegramApiRequestException e) {
          Integer code = e.getErrorCode();
          String description = e.getApiResponse() == null ? e.getMessage() : e.getApiResponse();
          if (code == null || code >= 500) {
            throw e;
          } else if (code == 429) {
            Integer retryAfter =
                e.getParameters() == null ? null : e.getParameters().getRetryAfter();
            Duration wait = Duration.ofSeconds(retryAfter == null ? 1 : Math.max(1, retryAfter));
            log.info(
                "Telegram asked to slow down for chat {}: waiting {} s", chatId, wait.toSeconds());
            pacer.pause(chatId, wait);
            if (!paced) {
              TimeUnit.NANOSECONDS.sleep(wait.toNanos());
            }
          } else if (code == 400 && !usePlain && cannotParseEntities(description)) {
            log.warn(
                "Telegram could not parse the formatting of a message to chat {} ({}); sending it"
                    + " as plain text",
                chatId,
                description);
            usePlain = true;
          } else if (code == 403) {
            throw new ChatUnreachableException(chatId, description, e);
          } else if (code >= 400) {
            throw new TelegramRejectedException(chatId, code, description, e);
          } else {
            throw e;
          }
        } catch (TelegramApiException e) {
          if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while calling Telegram");
          }
          throw e;
        }
      }
    }
  }

  /** Logs each failed attempt that is tried again. */
  private static final class RetryLog implements RetryListener {
    @Override
    public void onRetryFailure(RetryPolicy policy, Retryable<?> retryable, Throwable failure) {
      log.warn("{} failed, trying again: {}", retryable.getName(), describe(failure));
    }
  }

  private static boolean cannotParseEntities(String description) {
    return description != null
        && description.toLowerCase(Locale.ROOT).contains("can't parse entities");
  }

  private static String describe(Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
