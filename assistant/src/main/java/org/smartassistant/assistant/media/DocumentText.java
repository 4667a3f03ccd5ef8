package org.smartassistant.assistant.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of a document a user sends: plain text, Markdown and CSV as they are (UTF-8), PDF
 * through Apache PDFBox. Which kind a document is comes from its MIME type or, failing that, its
 * name.
 */
final class DocumentText {

  static final String UNREADABLE_PDF =
      "I couldn't open that PDF (it may be damaged or password-protected); please send another copy"
          + " or paste the text.";

  enum Kind {
    TEXT,
    PDF
  }

  private DocumentText() {}

  /** The kind of a document, or empty when it is none this class reads. */
  static Optional<Kind> kindOf(String mimeType, String fileName) {
    String mime = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT).split(";")[0].strip();
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (mime.equals("application/pdf") || name.endsWith(".pdf")) {
      return Optional.of(Kind.PDF);
    }
    if (mime.equals("text/plain")
        || mime.equals("text/markdown")
        || mime.equals("text/x-markdown")
        || mime.equals("text/csv")
        || name.endsWith(".txt")
        || name.endsWith(".md")
        || name.endsWith(".markdown")
        || name.endsWith(".csv")) {
      return Optional.of(Kind.TEXT);
    }
    return Optional.empty();
  }

  /** The document's text. */
  static String read(Kind kind, byte[] content) throws UnreadableFileException {
    if (kind == Kind.TEXT) {
      return new String(content, StandardCharsets.UTF_8);
    }
    try (PDDocument pdf = Loader.loadPDF(content)) {
      return new PDFTextStripper().getText(pdf);
    } catch (InvalidPasswordException e) {
      throw new UnreadableFileException(UNREADABLE_PDF);
    } catch (IOException e) {
      throw new UnreadableFileException(UNREADABLE_PDF);
    }
  }
}
