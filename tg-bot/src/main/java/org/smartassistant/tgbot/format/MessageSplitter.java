package org.smartassistant.tgbot.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits styled text into Telegram messages of at most {@link #TELEGRAM_LIMIT} characters, counted
 * as Telegram counts them: after the markup is parsed. It cuts at a paragraph break if there is one
 * in the second half of the allowed length, else at a line break, else between words, and only as a
 * last resort inside a word (never inside a surrogate pair). Each part is measured in its
 * plain-text form too (links followed by their address), so the plain-text fallback of a part fits
 * as well.
 */
public final class MessageSplitter {

  /** Telegram's limit on the text of one message. */
  public static final int TELEGRAM_LIMIT = 4096;

  private final int limit;

  public MessageSplitter() {
    this(TELEGRAM_LIMIT);
  }

  public MessageSplitter(int limit) {
    if (limit < 16) {
      throw new IllegalArgumentException("limit must be at least 16, was " + limit);
    }
    this.limit = limit;
  }

  /** The parts, in order; none when the text is blank. Leading and trailing blanks are dropped. */
  public List<StyledText> split(StyledText styled) {
    String text = styled.text();
    List<StyledText> parts = new ArrayList<>();
    int start = skipBlank(text, 0);
    while (start < text.length()) {
      int end = windowEnd(styled, text, start);
      int cut = end == text.length() ? end : cutPoint(text, start, end);
      int partEnd = trimEnd(text, start, cut);
      if (partEnd > start) {
        parts.add(styled.slice(start, partEnd));
      }
      start = skipBlank(text, cut);
    }
    return parts;
  }

  /** The furthest end such that {@code [start, end)} fits in both its HTML and plain forms. */
  private int windowEnd(StyledText styled, String text, int start) {
    int end = Math.min(text.length(), start + limit);
    while (end > start) {
      int plainLength = styled.slice(start, end).plainText().length();
      if (plainLength <= limit) {
        return end;
      }
      end -= Math.max(1, plainLength - limit);
    }
    // a single character whose link address alone is over the limit: send it without measuring
    return Math.min(text.length(), start + 1);
  }

  private int cutPoint(String text, int start, int end) {
    int half = start + limit / 2;
    int cut = lastParagraphBreak(text, start, end);
    if (cut >= half) {
      return cut;
    }
    int line = text.lastIndexOf('\n', end);
    if (line > start && line >= half) {
      return line;
    }
    int word = lastSpace(text, start, end);
    if (word >= half) {
      return word;
    }
    int best = Math.max(cut, Math.max(line > start ? line : -1, word));
    if (best > start) {
      return best;
    }
    // no boundary at all: cut inside the word, but never between the halves of a surrogate pair
    int hard = end;
    if (Character.isLowSurrogate(text.charAt(hard)) && hard - 1 > start) {
      hard--;
    }
    return hard;
  }

  /** The index of the first newline of the last blank-line break in (start, end], or -1. */
  private static int lastParagraphBreak(String text, int start, int end) {
    int index = text.lastIndexOf("\n\n", end - 1);
    if (index <= start) {
      return -1;
    }
    // step back to the first newline of a longer run, so the part does not end in newlines
    while (index - 1 > start && text.charAt(index - 1) == '\n') {
      index--;
    }
    return index;
  }

  private static int lastSpace(String text, int start, int end) {
    for (int i = Math.min(end, text.length() - 1); i > start; i--) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\u00A0') {
        return i;
      }
    }
    return -1;
  }

  private static int trimEnd(String text, int start, int end) {
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private static int skipBlank(String text, int index) {
    while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
      index++;
    }
    return index;
  }
}
