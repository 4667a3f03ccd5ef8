package org.smartassistant.tgbot.format;

import java.util.Locale;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Document;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.smartassistant.tgbot.format.StyledText.Element;

/**
 * Turns the model's Markdown into what Telegram can show: bold, italic, strikethrough, code, code
 * blocks, links and quotes keep their formatting; headings become bold lines, list items "• " or
 * "1. " lines, rules a line of dashes; raw HTML is shown as text. Any input gives a result, broken
 * Markdown simply stays literal.
 */
public final class TelegramMarkdown {

  private static final String RULE = "——————";

  private final Parser parser =
      Parser.builder().customDelimiterProcessor(new Strikethrough.Processor()).build();

  /**
   * Escapes text for inclusion in Markdown (a name, a reminder's text): every ASCII punctuation
   * character is backslash-escaped, so it shows as written.
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  /** The Markdown as styled text, ready to be split and rendered as Telegram HTML. */
  public StyledText render(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return StyledText.plain("");
    }
    Node document = parser.parse(markdown.replace("\r\n", "\n"));
    Renderer renderer = new Renderer();
    document.accept(renderer);
    return renderer.out.build();
  }

  /** Walks the syntax tree, appending each block and inline node to the builder. */
  private static final class Renderer extends AbstractVisitor {
    private final StyledText.Builder out = new StyledText.Builder();
    private int listDepth;

    @Override
    public void visit(Document document) {
      blocks(document, 2);
    }

    @Override
    public void visit(Paragraph paragraph) {
      visitChildren(paragraph);
    }

    @Override
    public void visit(Heading heading) {
      inside(Element.of("b"), heading);
    }

    @Override
    public void visit(BlockQuote quote) {
      // Telegram has no nested quotes: an inner quote continues the outer one
      if (out.isOpen("blockquote")) {
        blocks(quote, 2);
        return;
      }
      out.open(Element.of("blockquote"));
      blocks(quote, 2);
      out.close();
    }

    @Override
    public void visit(BulletList list) {
      items(list, -1);
    }

    @Override
    public void visit(OrderedList list) {
      Integer start = list.getMarkerStartNumber();
      items(list, start == null ? 1 : start);
    }

    @Override
    public void visit(FencedCodeBlock block) {
      String info = block.getInfo() == null ? "" : block.getInfo().trim();
      String language = info.isEmpty() ? null : info.split("\\s+", 2)[0];
      codeBlock(block.getLiteral(), language);
    }

    @Override
    public void visit(IndentedCodeBlock block) {
      codeBlock(block.getLiteral(), null);
    }

    @Override
    public void visit(ThematicBreak rule) {
      out.append(RULE);
    }

    @Override
    public void visit(HtmlBlock html) {
      out.append(stripTrailingNewlines(html.getLiteral()));
    }

    @Override
    public void visit(Text text) {
      out.append(text.getLiteral());
    }

    @Override
    public void visit(Code code) {
      out.open(Element.of("code")).append(code.getLiteral()).close();
    }

    @Override
    public void visit(Emphasis emphasis) {
      inside(Element.of("i"), emphasis);
    }

    @Override
    public void visit(StrongEmphasis strong) {
      inside(Element.of("b"), strong);
    }

    @Override
    public void visit(CustomNode node) {
      if (node instanceof Strikethrough) {
        inside(Element.of("s"), node);
      } else {
        visitChildren(node);
      }
    }

    @Override
    public void visit(Link link) {
      String destination = link.getDestination();
      if (linkable(destination) && !out.isOpen("a")) {
        inside(Element.link(destination), link);
      } else {
        visitChildren(link);
        if (destination != null && !destination.isBlank()) {
          out.append(" (" + destination + ")");
        }
      }
    }

    @Override
    public void visit(Image image) {
      String destination = image.getDestination();
      if (linkable(destination) && !out.isOpen("a")) {
        out.open(Element.link(destination));
        int before = out.length();
        visitChildren(image);
        if (out.length() == before) {
          out.append("image");
        }
        out.close();
      } else {
        visitChildren(image);
      }
    }

    @Override
    public void visit(SoftLineBreak lineBreak) {
      // the model means its line breaks: Telegram shows them as written
      out.append("\n");
    }

    @Override
    public void visit(HardLineBreak lineBreak) {
      out.append("\n");
    }

    @Override
    public void visit(HtmlInline html) {
      out.append(html.getLiteral());
    }

    @Override
    public void visit(ListItem item) {
      blocks(item, 1);
    }

    private void inside(Element element, Node node) {
      out.open(element);
      visitChildren(node);
      out.close();
    }

    /** The block children of a container, separated by {@code breaks} line breaks. */
    private void blocks(Node container, int breaks) {
      boolean first = true;
      for (Node child = container.getFirstChild(); child != null; child = child.getNext()) {
        if (child instanceof org.commonmark.node.LinkReferenceDefinition) {
          continue;
        }
        if (!first) {
          out.ensureBreak(breaks);
        }
        int before = out.length();
        child.accept(this);
        first = first && out.length() == before;
      }
    }

    /** List items as lines: "• item" or "3. item", nested lists indented. */
    private void items(Node list, int start) {
      int number = start;
      String indent = "   ".repeat(listDepth);
      listDepth++;
      boolean first = true;
      for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
        if (!first) {
          out.ensureBreak(1);
        }
        first = false;
        out.append(indent + (start < 0 ? "• " : number++ + ". "));
        item.accept(this);
      }
      listDepth--;
    }

    private void codeBlock(String literal, String language) {
      String code = stripTrailingNewlines(literal == null ? "" : literal);
      if (code.isEmpty()) {
        return;
      }
      out.open(Element.of("pre"));
      if (language != null && language.matches("[A-Za-z0-9_+#.-]{1,32}")) {
        out.open(Element.codeLanguage(language.toLowerCase(Locale.ROOT))).append(code).close();
      } else {
        out.append(code);
      }
      out.close();
    }

    private static boolean linkable(String destination) {
      if (destination == null) {
        return false;
      }
      String lower = destination.toLowerCase(Locale.ROOT);
      return lower.startsWith("https://")
          || lower.startsWith("http://")
          || lower.startsWith("tg://")
          || lower.startsWith("mailto:");
    }

    private static String stripTrailingNewlines(String text) {
      int end = text.length();
      while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
        end--;
      }
      return text.substring(0, end);
    }
  }
}
