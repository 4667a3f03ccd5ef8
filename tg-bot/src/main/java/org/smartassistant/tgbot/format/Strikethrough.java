package org.smartassistant.tgbot.format;

import org.commonmark.node.CustomNode;
import org.commonmark.node.Delimited;
import org.commonmark.node.Node;
import org.commonmark.node.Nodes;
import org.commonmark.node.Text;
import org.commonmark.parser.delimiter.DelimiterProcessor;
import org.commonmark.parser.delimiter.DelimiterRun;

/** {@code ~~struck~~} text, which models write often and Telegram can show. */
final class Strikethrough extends CustomNode implements Delimited {

  private static final String DELIMITER = "~~";

  @Override
  public String getOpeningDelimiter() {
    return DELIMITER;
  }

  @Override
  public String getClosingDelimiter() {
    return DELIMITER;
  }

  /** Parses two tildes on each side; a single tilde stays text. */
  static final class Processor implements DelimiterProcessor {

    @Override
    public char getOpeningCharacter() {
      return '~';
    }

    @Override
    public char getClosingCharacter() {
      return '~';
    }

    @Override
    public int getMinLength() {
      return 2;
    }

    @Override
    public int process(DelimiterRun opening, DelimiterRun closing) {
      if (opening.length() < 2 || closing.length() < 2) {
        return 0;
      }
      Text opener = opening.getOpener();
      Strikethrough struck = new Strikethrough();
      for (Node node : Nodes.between(opener, closing.getCloser())) {
        struck.appendChild(node);
      }
      opener.insertAfter(struck);
      return 2;
    }
  }
}
