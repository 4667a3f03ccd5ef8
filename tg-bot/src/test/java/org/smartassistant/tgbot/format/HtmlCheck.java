package org.smartassistant.tgbot.format;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Telegram's HTML rules for tests: only its tags, properly nested and closed, only the entities it
 * knows. Gives the text Telegram would show, or fails.
 */
final class HtmlCheck {

  private static final Set<String> TAGS =
      Set.of("b", "i", "u", "s", "code", "pre", "a", "blockquote", "tg-spoiler");

  private HtmlCheck() {}

  static String visibleText(String html) {
    StringBuilder plain = new StringBuilder();
    Deque<String> open = new ArrayDeque<>();
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c == '<') {
        int end = html.indexOf('>', i);
        if (end < 0) {
          throw new AssertionError("unclosed tag at " + i + " in: " + html);
        }
        String inside = html.substring(i + 1, end);
        if (inside.startsWith("/")) {
          String name = inside.substring(1);
          if (open.isEmpty() || !open.peek().equals(name)) {
            throw new AssertionError("unexpected </" + name + "> at " + i + " in: " + html);
          }
          open.pop();
        } else {
          String name = inside.split(" ", 2)[0];
          if (!TAGS.contains(name)) {
            throw new AssertionError("unsupported tag <" + name + "> in: " + html);
          }
          open.push(name);
        }
        i = end + 1;
      } else if (c == '&') {
        int semicolon = html.indexOf(';', i);
        String entity = semicolon < 0 ? "" : html.substring(i, semicolon + 1);
        switch (entity) {
          case "&lt;" -> plain.append('<');
          case "&gt;" -> plain.append('>');
          case "&amp;" -> plain.append('&');
          case "&quot;" -> plain.append('"');
          default -> throw new AssertionError("bare & at " + i + " in: " + html);
        }
        i = semicolon + 1;
      } else if (c == '>') {
        throw new AssertionError("bare > at " + i + " in: " + html);
      } else {
        plain.append(c);
        i++;
      }
    }
    if (!open.isEmpty()) {
      throw new AssertionError("<" + open.peek() + "> never closed in: " + html);
    }
    return plain.toString();
  }
}
