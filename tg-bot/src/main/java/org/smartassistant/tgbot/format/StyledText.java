package org.smartassistant.tgbot.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Text as Telegram shows it, each character with the formatting elements it sits in. Because the
 * markup is derived from these element stacks, any slice of it renders to well-formed Telegram
 * HTML: a split can never leave a tag open or cut an entity in half.
 */
public final class StyledText {

  private final List<Run> runs;
  private final int length;

  private StyledText(List<Run> runs) {
    this.runs = List.copyOf(runs);
    int total = 0;
    for (Run run : runs) {
      total += run.text.length();
    }
    this.length = total;
  }

  /** Unformatted text. */
  public static StyledText plain(String text) {
    return new Builder().append(text).build();
  }

  /** The visible characters (what Telegram counts against its length limit). */
  public int length() {
    return length;
  }

  /** The visible characters without markup. */
  public String text() {
    StringBuilder text = new StringBuilder(length);
    for (Run run : runs) {
      text.append(run.text);
    }
    return text.toString();
  }

  public boolean isBlank() {
    return text().isBlank();
  }

  /** The text as Telegram HTML ({@code parse_mode=HTML}). */
  public String html() {
    StringBuilder html = new StringBuilder(length + 32);
    List<Element> open = List.of();
    for (Run run : runs) {
      int common = commonPrefix(open, run.elements);
      for (int i = open.size() - 1; i >= common; i--) {
        html.append("</").append(open.get(i).name()).append('>');
      }
      for (int i = common; i < run.elements.size(); i++) {
        html.append(run.elements.get(i).openTag());
      }
      escapeInto(run.text, html, false);
      open = run.elements;
    }
    for (int i = open.size() - 1; i >= 0; i--) {
      html.append("</").append(open.get(i).name()).append('>');
    }
    return html.toString();
  }

  /**
   * The text without markup for a plain-text send: a link keeps its address after its text, so
   * nothing the reader needs is lost.
   */
  public String plainText() {
    StringBuilder plain = new StringBuilder(length + 16);
    List<Element> open = List.of();
    StringBuilder currentLink = new StringBuilder();
    for (Run run : runs) {
      Element previousLink = link(open);
      Element link = link(run.elements);
      if (previousLink != null && previousLink != link) {
        appendLinkTarget(plain, previousLink, currentLink.toString());
        currentLink.setLength(0);
      }
      if (link != null) {
        currentLink.append(run.text);
      }
      plain.append(run.text);
      open = run.elements;
    }
    Element last = link(open);
    if (last != null) {
      appendLinkTarget(plain, last, currentLink.toString());
    }
    return plain.toString();
  }

  /** The characters {@code [from, to)} with their formatting. */
  public StyledText slice(int from, int to) {
    if (from < 0 || to > length || from > to) {
      throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + length);
    }
    List<Run> sliced = new ArrayList<>();
    int position = 0;
    for (Run run : runs) {
      int start = position;
      int end = position + run.text.length();
      position = end;
      if (end <= from) {
        continue;
      }
      if (start >= to) {
        break;
      }
      int cutStart = Math.max(from, start) - start;
      int cutEnd = Math.min(to, end) - start;
      sliced.add(new Run(run.text.substring(cutStart, cutEnd), run.elements));
    }
    return new StyledText(sliced);
  }

  private static void appendLinkTarget(StringBuilder plain, Element link, String text) {
    String url = link.url();
    if (url != null && !url.equals(text.trim())) {
      plain.append(" (").append(url).append(')');
    }
  }

  private static Element link(List<Element> elements) {
    for (int i = elements.size() - 1; i >= 0; i--) {
      if (elements.get(i).url() != null) {
        return elements.get(i);
      }
    }
    return null;
  }

  private static int commonPrefix(List<Element> a, List<Element> b) {
    int common = 0;
    int max = Math.min(a.size(), b.size());
    while (common < max && a.get(common) == b.get(common)) {
      common++;
    }
    return common;
  }

  /** Escapes {@code < > &} (and {@code "} in attributes) as Telegram's HTML mode requires. */
  static void escapeInto(String text, StringBuilder out, boolean attribute) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        default -> out.append(c);
      }
    }
  }

  /** A stretch of characters inside the same elements (outermost first). */
  private record Run(String text, List<Element> elements) {}

  /**
   * One formatting element. Compared by identity: two separate bold passages stay two elements, so
   * adjacent blocks are not merged into one.
   */
  public static final class Element {
    private final String name;
    private final String openTag;
    private final String url;

    private Element(String name, String openTag, String url) {
      this.name = name;
      this.openTag = openTag;
      this.url = url;
    }

    /** An element without attributes: b, i, u, s, code, pre, blockquote, tg-spoiler. */
    public static Element of(String name) {
      return new Element(name, "<" + name + ">", null);
    }

    /** A link. */
    public static Element link(String url) {
      StringBuilder tag = new StringBuilder("<a href=\"");
      escapeInto(url, tag, true);
      tag.append("\">");
      return new Element("a", tag.toString(), url);
    }

    /** The {@code code} element inside a {@code pre} that names the language of a code block. */
    public static Element codeLanguage(String language) {
      StringBuilder tag = new StringBuilder("<code class=\"language-");
      escapeInto(language, tag, true);
      tag.append("\">");
      return new Element("code", tag.toString(), null);
    }

    String name() {
      return name;
    }

    String openTag() {
      return openTag;
    }

    String url() {
      return url;
    }
  }

  /** Builds styled text by appending characters inside a stack of open elements. */
  public static final class Builder {
    private final List<Run> runs = new ArrayList<>();
    private final List<Element> open = new ArrayList<>();
    private List<Element> snapshot = List.of();
    private int length;
    private char last;

    /** Opens an element: the text appended until {@link #close()} sits inside it. */
    public Builder open(Element element) {
      open.add(element);
      snapshot = null;
      return this;
    }

    /** Closes the innermost open element. */
    public Builder close() {
      open.remove(open.size() - 1);
      snapshot = null;
      return this;
    }

    /** Whether an element of this name is open. */
    public boolean isOpen(String name) {
      for (Element element : open) {
        if (element.name().equals(name)) {
          return true;
        }
      }
      return false;
    }

    public Builder append(String text) {
      if (text.isEmpty()) {
        return this;
      }
      if (snapshot == null) {
        snapshot = List.copyOf(open);
      }
      Run previous = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (previous != null && previous.elements == snapshot) {
        runs.set(runs.size() - 1, new Run(previous.text + text, snapshot));
      } else {
        runs.add(new Run(text, snapshot));
      }
      length += text.length();
      last = text.charAt(text.length() - 1);
      return this;
    }

    /** Appends line breaks so that the text ends with at least {@code count} of them. */
    public Builder ensureBreak(int count) {
      if (length == 0) {
        return this;
      }
      int trailing = 0;
      for (int r = runs.size() - 1; r >= 0 && trailing < count; r--) {
        String text = runs.get(r).text;
        int i = text.length() - 1;
        while (i >= 0 && text.charAt(i) == '\n' && trailing < count) {
          trailing++;
          i--;
        }
        if (i >= 0) {
          break;
        }
      }
      if (trailing < count) {
        append("\n".repeat(count - trailing));
      }
      return this;
    }

    public int length() {
      return length;
    }

    char last() {
      return last;
    }

    public StyledText build() {
      return new StyledText(runs);
    }
  }
}
