package org.smartassistant.testsupport.fakes.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/**
 * Telegram's {@code parse_mode=HTML} rules as far as a sender can break them: only the documented
 * tags, properly nested and closed. Gives the plain text Telegram would store, or the "can't parse
 * entities" reason.
 */
final class TelegramHtml {

  private static final Set<String> TAGS =
      Set.of(
          "b",
          "strong",
          "i",
          "em",
          "u",
          "ins",
          "s",
          "strike",
          "del",
          "span",
          "tg-spoiler",
          "a",
          "tg-emoji",
          "code",
          "pre",
          "blockquote");

  private TelegramHtml() {}

  /** The outcome of parsing: the plain text, or the error description (then text is null). */
  record Parsed(String text, String error) {}

  static Parsed parse(String html) {
    StringBuilder plain = new StringBuilder(html.length());
    Deque<String> open = new ArrayDeque<>();
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c == '<') {
        int end = html.indexOf('>', i);
        if (end < 0) {
          return error("Can't find end of the tag starting at byte offset " + byteOffset(html, i));
        }
        String inside = html.substring(i + 1, end).trim();
        if (inside.startsWith("/")) {
          String name = inside.substring(1).trim().toLowerCase(Locale.ROOT);
          if (open.isEmpty()) {
            return error(
                "Unexpected end tag at byte offset " + byteOffset(html, i) + ": \"" + name + "\"");
          }
          if (!name.isEmpty() && !name.equals(open.peek())) {
            return error(
                "Unmatched end tag at byte offset "
                    + byteOffset(html, i)
                    + ", expected \"</"
                    + open.peek()
                    + ">\", found \"</"
                    + name
                    + ">\"");
          }
          open.pop();
        } else {
          String name = inside.split("[\\s/]", 2)[0].toLowerCase(Locale.ROOT);
          if (!TAGS.contains(name)) {
            return error(
                "Unsupported start tag \"" + name + "\" at byte offset " + byteOffset(html, i));
          }
          open.push(name);
        }
        i = end + 1;
      } else if (c == '&') {
        int semicolon = html.indexOf(';', i);
        String decoded = semicolon > i ? entity(html.substring(i + 1, semicolon)) : null;
        if (decoded == null) {
          plain.append('&');
          i++;
        } else {
          plain.append(decoded);
          i = semicolon + 1;
        }
      } else {
        plain.append(c);
        i++;
      }
    }
    if (!open.isEmpty()) {
      return error("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
    }
    return new Parsed(plain.toString(), null);
  }

  private static String entity(String name) {
    switch (name) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return "\"";
      default:
        break;
    }
    try {
      if (name.startsWith("#x") || name.startsWith("#X")) {
        return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
      }
      if (name.startsWith("#")) {
        return new String(Character.toChars(Integer.parseInt(name.substring(1))));
      }
    } catch (IllegalArgumentException notAnEntity) {
      return null;
    }
    return null;
  }

  private static Parsed error(String reason) {
    return new Parsed(null, reason);
  }

  private static int byteOffset(String text, int index) {
    return text.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
  }
}
