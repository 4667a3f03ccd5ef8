package org.smartassistant.testsupport;

/** Texts for tests of long messages. */
public final class TestTexts {

  private TestTexts() {}

  /**
   * Paragraphs of about 300 characters separated by a blank line, numbered so that a lost or
   * repeated one shows, at least {@code totalLength} characters in all.
   */
  public static String paragraphs(int totalLength) {
    StringBuilder text = new StringBuilder();
    for (int n = 1; text.length() < totalLength; n++) {
      if (n > 1) {
        text.append("\n\n");
      }
      String paragraph = "Paragraph " + n + ":" + " some words".repeat(26);
      text.append(paragraph, 0, Math.min(paragraph.length(), 297)).append('.');
    }
    return text.toString();
  }
}
