package io.github.pveiso.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a raw value into its typed form ({@link String}, {@link Boolean}, {@link Long}, {@link
 * Path}, {@link URI} or a {@link List}), or reports a problem.
 */
final class ValueParser {

  private static final Set<String> TRUE_WORDS = Set.of("true", "1", "yes");
  private static final Set<String> FALSE_WORDS = Set.of("false", "0", "no");

  private final Path workingDir;
  private final Path home;
  private final @Nullable Path configDir;

  ValueParser(Path workingDir, Path home, @Nullable Path configDir) {
    this.workingDir = workingDir;
    this.home = home;
    this.configDir = configDir;
  }

  /** The typed value, or empty (with a problem added) when the raw value is wrong. */
  Optional<Object> parse(ConfigKey key, RawValue raw, List<ConfigProblem> problems) {
    try {
      return Optional.of(
          switch (key.type()) {
            case STRING -> text(raw);
            case BOOLEAN -> bool(raw);
            case INTEGER -> integer(raw);
            case PATH -> path(raw, text(raw));
            case URL -> url(text(raw));
            case PATH_OR_URL -> pathOrUrl(raw);
            case LIST -> list(key, raw);
            case PATH_LIST -> list(key, raw).stream().map(s -> path(raw, s)).toList();
            case ARGUMENTS -> arguments(key, raw);
          });
    } catch (BadValue e) {
      problems.add(new ConfigProblem(key, raw.origin(), e.problem));
      return Optional.empty();
    }
  }

  private static String text(RawValue raw) {
    JsonNode node = raw.node();
    if (node.isTextual() || (!raw.fromText() && node.isNumber())) {
      return node.asText();
    }
    throw new BadValue("expected text, got " + describe(node));
  }

  private static Boolean bool(RawValue raw) {
    JsonNode node = raw.node();
    if (!raw.fromText()) {
      if (node.isBoolean()) {
        return node.booleanValue();
      }
      throw new BadValue("expected true or false, got " + describe(node));
    }
    String word = node.asText().strip().toLowerCase(Locale.ROOT);
    if (TRUE_WORDS.contains(word)) {
      return Boolean.TRUE;
    }
    if (FALSE_WORDS.contains(word)) {
      return Boolean.FALSE;
    }
    throw new BadValue("'" + node.asText() + "' is not a boolean; use true/false, 1/0 or yes/no");
  }

  private static Long integer(RawValue raw) {
    JsonNode node = raw.node();
    if (!raw.fromText()) {
      if (node.canConvertToLong() && node.isIntegralNumber()) {
        return node.longValue();
      }
      throw new BadValue("expected a whole number, got " + describe(node));
    }
    try {
      return Long.parseLong(node.asText().strip());
    } catch (NumberFormatException e) {
      throw new BadValue("'" + node.asText() + "' is not a whole number");
    }
  }

  private Path path(RawValue raw, String text) {
    if (text.isBlank()) {
      throw new BadValue("empty path");
    }
    try {
      Path base =
          raw.origin().layer() == Origin.Layer.FILE && configDir != null ? configDir : workingDir;
      if (text.equals("~") || text.startsWith("~/")) {
        return home.resolve(text.substring(Math.min(2, text.length()))).normalize();
      }
      return base.resolve(text).normalize();
    } catch (InvalidPathException e) {
      throw new BadValue("'" + text + "' is not a valid path: " + e.getReason());
    }
  }

  private static URI url(String text) {
    try {
      URI uri = new URI(text.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!Set.of("http", "https", "file").contains(scheme) || uri.getRawPath() == null) {
        throw new BadValue("'" + text + "' is not an http, https or file URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new BadValue("'" + text + "' is not a valid URL: " + e.getReason());
    }
  }

  private Object pathOrUrl(RawValue raw) {
    String text = text(raw).strip();
    if (text.matches("(?i)(https?|file):.*")) {
      return url(text);
    }
    return path(raw, text);
  }

  private static List<String> list(ConfigKey key, RawValue raw) {
    List<String> items = new ArrayList<>();
    JsonNode node = raw.node();
    if (raw.fromText()) {
      String text = node.asText().strip();
      if (!text.isEmpty()) {
        for (String item : text.split(",", -1)) {
          items.add(item.strip());
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (!item.isTextual()) {
          throw new BadValue("expected a list of text items, found " + describe(item));
        }
        items.add(item.asText().strip());
      }
    } else {
      throw new BadValue("expected a list, got " + describe(node));
    }
    for (String item : items) {
      if (item.isEmpty()) {
        throw new BadValue("empty item in list");
      }
      if (!key.allowed().isEmpty() && !key.allowed().contains(item)) {
        throw new BadValue(
            "'" + item + "' is not allowed; use one of " + String.join(", ", key.allowed()));
      }
    }
    return List.copyOf(items);
  }

  /** Kernel arguments: a list in a file; text split at blanks elsewhere. */
  private static List<String> arguments(ConfigKey key, RawValue raw) {
    if (!raw.fromText()) {
      return list(key, raw);
    }
    String text = raw.node().asText().strip();
    return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
  }

  private static String describe(JsonNode node) {
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isNull()) {
      return "nothing";
    }
    if (node.isBoolean()) {
      return "a boolean (" + node.asText() + ")";
    }
    if (node.isNumber()) {
      return "a number (" + node.asText() + ")";
    }
    return "'" + node.asText() + "'";
  }

  /** A value is wrong; the message says how. */
  static final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String problem;

    BadValue(String problem) {
      super(problem);
      this.problem = problem;
    }
  }
}
