package org.smartassistant.tgbot.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartassistant.testsupport.TestTexts.paragraphs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

  private final TelegramMarkdown markdown = new TelegramMarkdown();
  private final MessageSplitter splitter = new MessageSplitter();

  private List<String> split(String text) {
    List<String> visible = new ArrayList<>();
    for (StyledText part : splitter.split(markdown.render(text))) {
      String html = part.html();
      String shown = HtmlCheck.visibleText(html);
      assertThat(shown.length()).isLessThanOrEqualTo(MessageSplitter.TELEGRAM_LIMIT);
      assertThat(part.plainText().length()).isLessThanOrEqualTo(MessageSplitter.TELEGRAM_LIMIT);
      visible.add(shown);
    }
    return visible;
  }

  @Test
  void splitsNineThousandCharactersIntoThreeMessagesAtParagraphBreaks() {
    String text = paragraphs(9_000);
    assertThat(text.length()).isBetween(9_000, 9_400);

    List<String> parts = split(text);

    assertThat(parts).hasSize(3);
    for (String part : parts) {
      assertThat(part).startsWith("Paragraph ").endsWith(".");
    }
    assertThat(String.join("\n\n", parts)).isEqualTo(text);
  }

  @Test
  void shortTextIsOneMessage() {
    assertThat(split("Hello **there**")).containsExactly("Hello there");
  }

  @Test
  void blankTextGivesNoMessage() {
    assertThat(split("  \n\n ")).isEmpty();
  }

  @Test
  void aLongParagraphIsSplitAtLineBreaks() {
    StringBuilder text = new StringBuilder();
    for (int i = 1; text.length() < 6_000; i++) {
      text.append("line ").append(i).append(" of a long paragraph with single breaks\n");
    }
    List<String> parts = split(text.toString().strip());

    assertThat(parts).hasSize(2);
    assertThat(parts.get(0)).endsWith("single breaks");
    assertThat(parts.get(1)).startsWith("line ");
    assertThat(String.join("\n", parts)).isEqualTo(text.toString().strip());
  }

  @Test
  void aLongLineIsSplitBetweenWords() {
    String text = "word ".repeat(2_000).strip();
    List<String> parts = split(text);

    assertThat(parts).hasSize(3);
    for (String part : parts) {
      assertThat(part).startsWith("word").endsWith("word");
    }
    assertThat(String.join(" ", parts)).isEqualTo(text);
  }

  @Test
  void textWithoutBoundariesIsCutButNeverInsideASurrogatePair() {
    String text = "a" + "\uD83D\uDE00".repeat(3_000); // 6001 chars of emoji halves
    List<String> parts = split(text);

    assertThat(parts).hasSize(2);
    for (String part : parts) {
      assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse();
      assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
    }
    assertThat(String.join("", parts)).isEqualTo(text);
  }

  @Test
  void formattingThatCrossesACutIsClosedAndReopened() {
    String text = "**" + "bold words ".repeat(600).strip() + "**";
    List<StyledText> parts = splitter.split(markdown.render(text));

    assertThat(parts).hasSize(2);
    for (StyledText part : parts) {
      assertThat(part.html()).startsWith("<b>").endsWith("</b>");
      HtmlCheck.visibleText(part.html());
    }
  }

  @Test
  void escapedCharactersCountOnceAndAreNeverCut() {
    String text = "a < b && c > d ".repeat(600);
    List<StyledText> parts = splitter.split(markdown.render(text));

    assertThat(parts).hasSize(3);
    // the markup of a full part is longer than the limit; only the visible text counts
    assertThat(parts.get(0).html().length()).isGreaterThan(MessageSplitter.TELEGRAM_LIMIT);
    StringBuilder joined = new StringBuilder();
    for (StyledText part : parts) {
      joined.append(HtmlCheck.visibleText(part.html())).append(' ');
    }
    assertThat(joined.toString()).isEqualTo(text);
  }

  @Test
  void aCodeBlockSplitAcrossMessagesStaysACodeBlockInEach() {
    StringBuilder code = new StringBuilder("```python\n");
    for (int i = 0; i < 300; i++) {
      code.append("print('line ").append(i).append(" of the program')\n");
    }
    code.append("```");
    List<StyledText> parts = splitter.split(markdown.render(code.toString()));

    assertThat(parts).hasSize(3);
    for (StyledText part : parts) {
      assertThat(part.html()).startsWith("<pre><code class=\"language-python\">print(");
      assertThat(part.html()).endsWith("')</code></pre>");
    }
  }

  @Test
  void plainFormOfEveryPartFitsEvenWithLinkAddresses() {
    String link = "[x](https://example.org/" + "p".repeat(200) + ")";
    String text = (link + " ").repeat(60);
    for (StyledText part : splitter.split(markdown.render(text))) {
      assertThat(part.plainText().length()).isLessThanOrEqualTo(MessageSplitter.TELEGRAM_LIMIT);
    }
  }
}
