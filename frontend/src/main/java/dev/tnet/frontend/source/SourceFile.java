package dev.tnet.frontend.source;

import java.util.ArrayList;
import java.util.List;

/** The text of one source file with its path as the user wrote it, indexed by line. */
public final class SourceFile {
  private final String path;
  private final String text;
  private final List<Integer> lineStarts = new ArrayList<>();

  public SourceFile(String path, String text) {
    this.path = path;
    this.text = text;
    lineStarts.add(0);
    for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') lineStarts.add(i + 1);
  }

  public String path() {
    return path;
  }

  public String text() {
    return text;
  }

  /** Line {@code n} (1-based) without its line break, or "" past the end. */
  public String line(int n) {
    if (n < 1 || n > lineStarts.size()) return "";
    int start = lineStarts.get(n - 1);
    int end = n < lineStarts.size() ? lineStarts.get(n) - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') end--;
    return text.substring(start, Math.max(start, end));
  }
}
