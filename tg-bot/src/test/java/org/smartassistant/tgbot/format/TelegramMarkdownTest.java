package org.smartassistant.tgbot.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelegramMarkdownTest {

  private final TelegramMarkdown markdown = new TelegramMarkdown();

  private String html(String text) {
    String html = markdown.render(text).html();
    HtmlCheck.visibleText(html); // every rendering must be valid Telegram HTML
    return html;
  }

  @Test
  void keepsInlineFormattingTelegramSupports() {
    assertThat(html("**bold**, *italic*, ~~gone~~ and `code`"))
        .isEqualTo("<b>bold</b>, <i>italic</i>, <s>gone</s> and <code>code</code>");
  }

  @Test
  void escapesAngleBracketsAndAmpersands() {
    assertThat(html("5 < 7 & 9 > 3, <b>not a tag</b>"))
        .isEqualTo("5 &lt; 7 &amp; 9 &gt; 3, &lt;b&gt;not a tag&lt;/b&gt;");
  }

  @Test
  void turnsHeadingsIntoBoldLines() {
    assertThat(html("# Plan\n\nFirst step")).isEqualTo("<b>Plan</b>\n\nFirst step");
  }

  @Test
  void turnsListsIntoBulletAndNumberLines() {
    assertThat(html("- milk\n- bread\n  - rye\n\n3. three\n4. four"))
        .isEqualTo("• milk\n• bread\n   • rye\n\n3. three\n4. four");
  }

  @Test
  void keepsLinksQuotesAndCodeBlocks() {
    assertThat(html("[site](https://example.org/?a=1&b=2)"))
        .isEqualTo("<a href=\"https://example.org/?a=1&amp;b=2\">site</a>");
    assertThat(html("> quoted\n> text")).isEqualTo("<blockquote>quoted\ntext</blockquote>");
    assertThat(html("```java\nint a = 1 < 2;\n```"))
        .isEqualTo("<pre><code class=\"language-java\">int a = 1 &lt; 2;</code></pre>");
    assertThat(html("```\nplain\n```")).isEqualTo("<pre>plain</pre>");
  }

  @Test
  void linksTelegramCannotOpenStayTextWithTheirTarget() {
    assertThat(html("[file](notes.txt)")).isEqualTo("file (notes.txt)");
  }

  @Test
  void brokenMarkdownStaysLiteralAndValid() {
    assertThat(html("**unclosed bold and _half italic and `tick"))
        .isEqualTo("**unclosed bold and _half italic and `tick");
    assertThat(html("<div>raw html</div>")).isEqualTo("&lt;div&gt;raw html&lt;/div&gt;");
  }

  @Test
  void keepsTheModelsLineBreaks() {
    assertThat(html("line one\nline two")).isEqualTo("line one\nline two");
  }

  @Test
  void plainTextKeepsLinkAddresses() {
    StyledText styled = markdown.render("**Open** [the link](https://example.org) now");
    assertThat(styled.plainText()).isEqualTo("Open the link (https://example.org) now");
    assertThat(styled.text()).isEqualTo("Open the link now");
  }

  @Test
  void escapedTextShowsExactlyAsWritten() {
    String name = "snake_case *star* <tag> [x](y) `tick` 1. # ~~no~~";

    assertThat(markdown.render(TelegramMarkdown.escape(name)).text()).isEqualTo(name);
  }
}
