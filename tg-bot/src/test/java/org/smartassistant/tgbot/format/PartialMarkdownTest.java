package org.smartassistant.tgbot.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartialMarkdownTest {

  private final TelegramMarkdown markdown = new TelegramMarkdown();

  @Test
  void openBoldIsClosedSoTheDraftShowsItBold() {
    String closed = PartialMarkdown.close("The plan: **first we");

    assertThat(closed).isEqualTo("The plan: **first we**");
    assertThat(markdown.render(closed).html()).isEqualTo("The plan: <b>first we</b>");
  }

  @Test
  void nestedMarkersCloseInnermostFirstAndTrailingSpaceIsDropped() {
    assertThat(PartialMarkdown.close("**bold and *italic ")).isEqualTo("**bold and *italic***");
    assertThat(markdown.render(PartialMarkdown.close("~~gone and **bold")).html())
        .isEqualTo("<s>gone and <b>bold</b></s>");
  }

  @Test
  void openCodeBlockIsFencedAndOpenInlineCodeClosed() {
    assertThat(PartialMarkdown.close("Run:\n```bash\nls -l"))
        .isEqualTo("Run:\n```bash\nls -l\n```");
    assertThat(markdown.render(PartialMarkdown.close("Use `git sta")).html())
        .isEqualTo("Use <code>git sta</code>");
  }

  @Test
  void markersInsideCodeOrWordsAreLeftAlone() {
    assertThat(PartialMarkdown.close("call `a*b` with snake_case_names"))
        .isEqualTo("call `a*b` with snake_case_names");
    assertThat(PartialMarkdown.close("**done** and *this*")).isEqualTo("**done** and *this*");
  }

  @Test
  void halfWrittenLinkIsLeftOutUntilItIsComplete() {
    assertThat(PartialMarkdown.close("See [the docs](https://exa")).isEqualTo("See ");
    assertThat(PartialMarkdown.close("See [the do")).isEqualTo("See ");
    assertThat(PartialMarkdown.close("See [the docs](https://example.org) now"))
        .isEqualTo("See [the docs](https://example.org) now");
  }

  @Test
  void onlyTheLastParagraphIsClosed() {
    assertThat(PartialMarkdown.close("A **stray\n\nNew *para"))
        .isEqualTo("A **stray\n\nNew *para*");
  }
}
