package io.github.pveiso.debian;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses apt's one-line format: {@code deb [opt=value ...] uri suite [component...]}. */
final class OneLineSources {
  private OneLineSources() {}

  static List<AptSource> parse(Path file, String text) {
    List<AptSource> out = new ArrayList<>();
    for (String raw : text.split("\n")) {
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (!line.startsWith("deb ") && !line.startsWith("deb\t") && !line.startsWith("deb[")) {
        continue;
      }
      String rest = line.substring(3).strip();
      Optional<String> signedBy = Optional.empty();
      if (rest.startsWith("[")) {
        int close = rest.indexOf(']');
        if (close < 0) {
          continue;
        }
        for (String option : AptSources.words(rest.substring(1, close))) {
          int eq = option.indexOf('=');
          if (eq > 0 && option.substring(0, eq).equalsIgnoreCase("signed-by")) {
            signedBy = Optional.of(option.substring(eq + 1));
          }
        }
        rest = rest.substring(close + 1).strip();
      }
      List<String> words = AptSources.words(rest);
      if (words.size() < 2 || words.get(1).endsWith("/")) {
        continue;
      }
      Optional<String> by = signedBy;
      AptSources.uri(words.get(0))
          .ifPresent(
              u ->
                  out.add(
                      new AptSource(
                          file, u, List.of(words.get(1)), words.subList(2, words.size()), by)));
    }
    return out;
  }
}
