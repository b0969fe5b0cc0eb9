package io.github.pveiso.proxmox.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The glob syntax of udev filters ({@code ID_SERIAL = "Samsung*"}), as the installer's glob library
 * parses it. Whether a filter matches anything needs the target machine.
 */
final class Globs {
  private Globs() {}

  /** Checks every value of a filter table at {@code path} (as written). */
  static void check(ObjectNode filter, List<String> path, Problems problems) {
    Iterator<Map.Entry<String, JsonNode>> items = filter.fields();
    while (items.hasNext()) {
      Map.Entry<String, JsonNode> item = items.next();
      String glob = item.getValue().asText();
      problem(glob)
          .ifPresent(
              p ->
                  problems.error(
                      AnswerStructure.append(path, item.getKey()),
                      "filter",
                      "invalid glob '" + glob + "': " + p));
    }
  }

  /** What is wrong with {@code glob}, or empty when it parses. */
  static Optional<String> problem(String glob) {
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        boolean before = i == 0 || glob.charAt(i - 1) == '/';
        boolean after = i + 2 == glob.length() || glob.charAt(i + 2) == '/';
        if (!before || !after) {
          return Optional.of("recursive wildcards must form a single path component");
        }
        i++;
      } else if (c == '[') {
        int close = closing(glob, i);
        if (close < 0) {
          return Optional.of("invalid range pattern ('[' without a closing ']')");
        }
        i = close;
      }
    }
    return Optional.empty();
  }

  /** The index of the ']' that closes the '[' at {@code open}, or -1. */
  private static int closing(String glob, int open) {
    int i = open + 1;
    if (i < glob.length() && glob.charAt(i) == '!') {
      i++;
    }
    // a ']' right after '[' or '[!' is a member, not the end
    if (i < glob.length() && glob.charAt(i) == ']') {
      i++;
    }
    int close = glob.indexOf(']', i);
    return close;
  }
}
