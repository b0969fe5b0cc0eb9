package io.github.pveiso.proxmox.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer file's well-typed values by their kebab-case path, each with the path as written (a
 * deprecated snake_case key keeps its spelling there). A value with the wrong type is left out, so
 * the rules that read it are skipped.
 */
final class AnswerView {

  /**
   * One value.
   *
   * @param node the value
   * @param written its path as written in the file
   */
  record Entry(JsonNode node, List<String> written) {}

  private final Map<List<String>, Entry> entries = new HashMap<>();

  void put(List<String> canonical, JsonNode node, List<String> written) {
    entries.put(List.copyOf(canonical), new Entry(node, List.copyOf(written)));
  }

  /** The value at a kebab-case path such as {@code global, root-password}. */
  Optional<Entry> entry(String... path) {
    return Optional.ofNullable(entries.get(List.of(path)));
  }

  /** True when the path has a well-typed value. */
  boolean has(String... path) {
    return entries.containsKey(List.of(path));
  }

  /** A string value. */
  Optional<String> string(String... path) {
    return entry(path).map(e -> e.node()).filter(JsonNode::isTextual).map(JsonNode::asText);
  }

  /** A number value. */
  Optional<Double> number(String... path) {
    return entry(path).map(e -> e.node()).filter(JsonNode::isNumber).map(JsonNode::asDouble);
  }

  /** A table value. */
  Optional<ObjectNode> table(String... path) {
    return entry(path)
        .map(e -> e.node())
        .filter(ObjectNode.class::isInstance)
        .map(ObjectNode.class::cast);
  }

  /** A list of strings. */
  Optional<List<String>> strings(String... path) {
    return entry(path)
        .map(e -> e.node())
        .filter(JsonNode::isArray)
        .map(
            a -> {
              List<String> items = new ArrayList<>();
              a.forEach(i -> items.add(i.asText()));
              return List.copyOf(items);
            });
  }

  /** The path as written: the entry's when present, else the kebab-case path itself. */
  List<String> written(String... path) {
    return entry(path).map(Entry::written).orElse(List.of(path));
  }
}
