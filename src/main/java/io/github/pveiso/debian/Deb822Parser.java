package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The line state machine behind {@link Deb822}: fed whole lines, emits finished stanzas. */
final class Deb822Parser {
  private final String label;
  private final StringCache cache;
  private final Consumer<Stanza> sink;
  private final List<String> names = new ArrayList<>(32);
  private final List<String> values = new ArrayList<>(32);
  private @Nullable String pendingName;
  private @Nullable String pendingValue;
  private @Nullable StringBuilder pendingMore;
  private int line;

  Deb822Parser(String label, StringCache cache, Consumer<Stanza> sink) {
    this.label = label;
    this.cache = cache;
    this.sink = sink;
  }

  /** Parses the lines in {@code buf[from, to)}; the last one may lack its newline. */
  void feed(byte[] buf, int from, int to) {
    int pos = from;
    while (pos < to) {
      int end = pos;
      while (end < to && buf[end] != '\n') {
        end++;
      }
      int next = end + 1;
      if (end > pos && buf[end - 1] == '\r') {
        end--;
      }
      line++;
      parseLine(buf, pos, end);
      pos = next;
    }
  }

  void finish() {
    endStanza();
  }

  private void parseLine(byte[] buf, int from, int to) {
    if (from == to) {
      endStanza();
      return;
    }
    byte first = buf[from];
    if (first == '#') {
      return;
    }
    if (first == ' ' || first == '\t') {
      int start = skipBlanks(buf, from, to);
      if (start == to) {
        endStanza();
      } else {
        continuation(buf, from + 1, to);
      }
      return;
    }
    int colon = from;
    while (colon < to && buf[colon] != ':') {
      colon++;
    }
    if (colon == to || colon == from) {
      throw error("expected 'Field: value'");
    }
    finishField();
    pendingName = cache.get(buf, from, colon);
    int vStart = skipBlanks(buf, colon + 1, to);
    int vEnd = trimEnd(buf, vStart, to);
    pendingValue = cache.get(buf, vStart, vEnd);
  }

  private void continuation(byte[] buf, int from, int to) {
    if (pendingName == null) {
      throw error("continuation line without a field before it");
    }
    int end = trimEnd(buf, from, to);
    StringBuilder more = pendingMore;
    if (more == null) {
      more = new StringBuilder(pendingValue == null ? "" : pendingValue);
      pendingMore = more;
    }
    more.append('\n');
    if (!(end - from == 1 && buf[from] == '.')) {
      more.append(new String(buf, from, end - from, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private void finishField() {
    String name = pendingName;
    if (name == null) {
      return;
    }
    StringBuilder more = pendingMore;
    String value = more != null ? more.toString() : pendingValue;
    for (String existing : names) {
      if (existing == name || existing.equalsIgnoreCase(name)) {
        throw error("duplicate field " + name);
      }
    }
    names.add(name);
    values.add(value == null ? "" : value);
    pendingName = null;
    pendingValue = null;
    pendingMore = null;
  }

  private void endStanza() {
    finishField();
    if (names.isEmpty()) {
      return;
    }
    Stanza stanza = new Stanza(names.toArray(new String[0]), values.toArray(new String[0]));
    names.clear();
    values.clear();
    sink.accept(stanza);
  }

  private VerificationException error(String reason) {
    return new VerificationException(label + " line " + line + ": " + reason);
  }

  private static int skipBlanks(byte[] buf, int from, int to) {
    while (from < to && (buf[from] == ' ' || buf[from] == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimEnd(byte[] buf, int from, int to) {
    while (to > from && (buf[to - 1] == ' ' || buf[to - 1] == '\t')) {
      to--;
    }
    return to;
  }
}
