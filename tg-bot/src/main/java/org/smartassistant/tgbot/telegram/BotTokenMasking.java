package org.smartassistant.tgbot.telegram;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Masks the bot token in every structured log line (message, stack trace, any field): the
 * configured token, and anything shaped like a Bot API token, since Bot API URLs carry the token in
 * their path and a library may log one. Registered with {@code logging.structured.json.customizer}.
 */
public class BotTokenMasking implements StructuredLoggingJsonMembersCustomizer<Object> {

  /** A Bot API token: the bot's numeric id, a colon, a secret of 30 or more URL-safe characters. */
  private static final Pattern TOKEN_SHAPE = Pattern.compile("(\\d{5,}):[A-Za-z0-9_-]{30,}");

  private final String token;

  public BotTokenMasking(Environment environment) {
    this(environment.getProperty("smart.telegram.bot-token"));
  }

  BotTokenMasking(String token) {
    this.token = token == null || token.isBlank() ? null : token;
  }

  @Override
  public void customize(JsonWriter.Members<Object> members) {
    members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, this::mask));
  }

  /** The text with every token replaced by its bot id and {@code :***}. */
  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = text;
    if (token != null && masked.contains(token)) {
      masked = masked.replace(token, masked(token));
    }
    if (masked.indexOf(':') >= 0) {
      Matcher matcher = TOKEN_SHAPE.matcher(masked);
      if (matcher.find()) {
        masked = matcher.replaceAll("$1:***");
      }
    }
    return masked;
  }

  private static String masked(String token) {
    int colon = token.indexOf(':');
    return colon > 0 ? token.substring(0, colon) + ":***" : "***";
  }
}
