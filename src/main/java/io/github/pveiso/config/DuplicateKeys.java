package io.github.pveiso.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds keys given twice in one mapping of a YAML or JSON document. Jackson keeps the last value
 * without a word, so a second {@code targets:} further down would silently replace the first.
 */
final class DuplicateKeys {

  /**
   * A key given a second time.
   *
   * @param path the key with the keys of the mappings around it ({@code sets.realtek}), list
   *     positions as numbers
   * @param firstLine the line that gave it first
   * @param secondLine the line that gave it again
   */
  record Duplicate(String path, int firstLine, int secondLine) {

    /** {@code 'targets' is given twice, at lines 2 and 7; keep one}. */
    String describe() {
      return "'"
          + path
          + "' is given twice, at lines "
          + firstLine
          + " and "
          + secondLine
          + "; keep one";
    }
  }

  private DuplicateKeys() {}

  /** Every key given again in {@code text}, in document order. */
  static List<Duplicate> in(JsonFactory factory, String text) throws IOException {
    List<Duplicate> duplicates = new ArrayList<>();
    Deque<Map<String, Integer>> open = new ArrayDeque<>();
    try (JsonParser parser = factory.createParser(text)) {
      for (JsonToken token; (token = parser.nextToken()) != null; ) {
        switch (token) {
          case START_OBJECT -> open.push(new HashMap<>());
          case END_OBJECT -> open.pop();
          case FIELD_NAME -> {
            int line = parser.currentTokenLocation().getLineNr();
            Integer first = open.element().putIfAbsent(parser.currentName(), line);
            if (first != null) {
              duplicates.add(new Duplicate(path(parser), first, line));
            }
          }
          default -> {
            // values do not matter here
          }
        }
      }
    }
    return duplicates;
  }

  private static String path(JsonParser parser) {
    return parser.getParsingContext().pathAsPointer().toString().substring(1).replace('/', '.');
  }
}
