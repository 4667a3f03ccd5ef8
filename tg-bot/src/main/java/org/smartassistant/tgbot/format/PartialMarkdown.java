package org.smartassistant.tgbot.format;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Closes Markdown that was cut while the model wrote it (a draft), so that what is open shows as
 * formatted instead of as literal markers until the rest arrives: an open code block is fenced, and
 * in the last paragraph open inline code, bold, italic and strikethrough are closed in the right
 * order; a link whose address is not complete is cut off at its {@code [}. Best effort: {@link
 * TelegramMarkdown} renders any result safely, broken Markdown staying literal.
 */
public final class PartialMarkdown {

  private PartialMarkdown() {}

  /** The text with its open constructs closed. */
  public static String close(String markdown) {
    if (markdown == null || markdown.isEmpty()) {
      return "";
    }
    String text = markdown.replace("\r\n", "\n");
    if (openFence(text)) {
      return text + (text.endsWith("\n") ? "" : "\n") + "```";
    }
    int paragraph = text.lastIndexOf("\n\n");
    String head = paragraph < 0 ? "" : text.substring(0, paragraph + 2);
    String last = withoutOpenLink(paragraph < 0 ? text : text.substring(paragraph + 2));
    return head + closeInline(last);
  }

  /** Whether a fenced code block is open at the end (an odd number of fence lines). */
  private static boolean openFence(String text) {
    boolean open = false;
    for (String line : text.split("\n", -1)) {
      if (line.stripLeading().startsWith("```")) {
        open = !open;
      }
    }
    return open;
  }

  /** Cuts an unfinished link ({@code [text} or {@code [text](addr} without its {@code )}). */
  private static String withoutOpenLink(String paragraph) {
    int open = paragraph.lastIndexOf('[');
    if (open < 0 || inCode(paragraph, open)) {
      return paragraph;
    }
    int close = paragraph.indexOf(']', open);
    if (close < 0) {
      return paragraph.substring(0, open);
    }
    boolean address = close + 1 < paragraph.length() && paragraph.charAt(close + 1) == '(';
    if (address && paragraph.indexOf(')', close) < 0) {
      return paragraph.substring(0, open);
    }
    return paragraph;
  }

  private static boolean inCode(String paragraph, int index) {
    int ticks = 0;
    for (int i = 0; i < index; i++) {
      if (paragraph.charAt(i) == '`') {
        ticks++;
      }
    }
    return ticks % 2 == 1;
  }

  /** Closes the inline markers left open, innermost first. */
  private static String closeInline(String paragraph) {
    Deque<String> open = new ArrayDeque<>();
    int i = 0;
    while (i < paragraph.length()) {
      char c = paragraph.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '`') {
        int end = paragraph.indexOf('`', i + 1);
        if (end < 0) {
          return paragraph + "`" + closers(open);
        }
        i = end + 1;
        continue;
      }
      String marker = marker(paragraph, i);
      if (marker == null) {
        i++;
        continue;
      }
      if (marker.equals(open.peek())) {
        open.pop();
      } else if (opens(paragraph, i, marker)) {
        open.push(marker);
      }
      i += marker.length();
    }
    if (open.isEmpty()) {
      return paragraph;
    }
    // a closing marker must follow a non-space to close (CommonMark's flanking rule)
    return paragraph.stripTrailing() + closers(open);
  }

  private static String marker(String text, int i) {
    for (String marker : new String[] {"**", "__", "~~", "*", "_"}) {
      if (text.startsWith(marker, i)) {
        return marker;
      }
    }
    return null;
  }

  /** Whether the marker can open here: followed by a non-space, and not inside a word for _. */
  private static boolean opens(String text, int i, String marker) {
    int after = i + marker.length();
    if (after >= text.length() || Character.isWhitespace(text.charAt(after))) {
      return false;
    }
    return !(marker.startsWith("_") && i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)));
  }

  private static String closers(Deque<String> open) {
    StringBuilder closing = new StringBuilder();
    for (String marker : open) {
      closing.append(marker);
    }
    return closing.toString();
  }
}
