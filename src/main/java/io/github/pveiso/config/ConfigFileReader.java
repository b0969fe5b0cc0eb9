package io.github.pveiso.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.pveiso.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a config file (YAML, or JSON when the name ends in {@code .json}) into raw values with
 * their line numbers. Unknown keys become problems with a did-you-mean.
 */
final class ConfigFileReader {

  private final Path file;
  private final String label;

  ConfigFileReader(Path file) {
    this.file = file;
    Path name = file.getFileName();
    this.label = name == null ? file.toString() : name.toString();
  }

  /** Reads the file; values go to {@code values}, problems to {@code problems}. */
  void read(Map<ConfigKey, RawValue> values, List<ConfigProblem> problems) {
    String lower = label.toLowerCase(Locale.ROOT);
    boolean json = lower.endsWith(".json");
    if (!json && !lower.endsWith(".yaml") && !lower.endsWith(".yml")) {
      throw new InvalidInputException(
          "config file " + file + ": unknown format; name it *.yaml, *.yml or *.json");
    }
    JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
    try {
      String text = text(SmallFile.read(file, "config file"));
      for (DuplicateKeys.Duplicate duplicate : DuplicateKeys.in(factory, text)) {
        Origin origin = new Origin(Origin.Layer.FILE, label + ":" + duplicate.secondLine());
        problems.add(new ConfigProblem(null, origin, duplicate.describe()));
      }
      readKeys(factory, text, values, problems);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("config file " + file + " does not exist");
    } catch (JsonProcessingException e) {
      int lineNr = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InvalidInputException(
          label
              + ":"
              + lineNr
              + ": not valid "
              + (json ? "JSON" : "YAML")
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse(""),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
  }

  private void readKeys(
      JsonFactory factory,
      String text,
      Map<ConfigKey, RawValue> values,
      List<ConfigProblem> problems)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper(factory);
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return; // an empty file sets nothing
      }
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidInputException(
            label
                + ":"
                + parser.currentTokenLocation().getLineNr()
                + ": the config file must be a mapping of keys to values");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        Origin origin = new Origin(Origin.Layer.FILE, label + ":" + line(parser));
        parser.nextToken();
        JsonNode node = mapper.readTree(parser);
        var key = ConfigKey.byFileKey(name);
        if (key.isPresent()) {
          values.put(key.get(), new RawValue(node, false, origin));
        } else {
          problems.add(new ConfigProblem(null, origin, unknownKey(name)));
        }
      }
    }
  }

  private String text(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("config file " + file + " is not UTF-8 text");
    }
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }

  static String unknownKey(String name) {
    List<String> known = Arrays.stream(ConfigKey.values()).map(ConfigKey::fileKey).toList();
    return "unknown key '"
        + name
        + "'"
        + DidYouMean.nearest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("");
  }
}
