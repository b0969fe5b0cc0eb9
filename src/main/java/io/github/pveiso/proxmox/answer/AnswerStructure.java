package io.github.pveiso.proxmox.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pveiso.proxmox.answer.AnswerSchema.Field;
import io.github.pveiso.proxmox.answer.AnswerSchema.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the answer file's shape against {@link AnswerSchema}: unknown keys, missing required keys,
 * value types, enumerations and deprecated spellings; puts every well-typed value into an {@link
 * AnswerView}.
 */
final class AnswerStructure {

  private static final long U32_MAX = 4_294_967_295L;

  private final Problems problems;
  private final AnswerView view = new AnswerView();

  private AnswerStructure(Problems problems) {
    this.problems = problems;
  }

  /** Walks {@code root}, reporting to {@code problems}. */
  static AnswerView walk(ObjectNode root, Problems problems) {
    AnswerStructure walk = new AnswerStructure(problems);
    walk.table(root, AnswerSchema.ROOT, List.of(), List.of());
    return walk.view;
  }

  private void table(ObjectNode node, Field schema, List<String> canonical, List<String> written) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> item = fields.next();
      String name = item.getKey();
      List<String> at = append(written, name);
      Optional<Field> field = schema.field(name);
      if (field.isEmpty()) {
        field = schema.fields().stream().filter(f -> name.equals(f.deprecated())).findFirst();
        if (field.isEmpty()) {
          unknown(schema, name, at);
          continue;
        }
        String kebab = field.get().name();
        if (node.has(kebab)) {
          problems.error(
              at,
              "deprecated",
              "both '"
                  + kebab
                  + "' and its deprecated spelling '"
                  + name
                  + "' are set; keep only '"
                  + kebab
                  + "'");
          continue;
        }
        problems.warning(
            at,
            "deprecated",
            "deprecated spelling: write '"
                + kebab
                + "' (the snake_case spellings go away in a future major release)",
            List.of(kebab));
      }
      value(field.get(), item.getValue(), append(canonical, field.get().name()), at);
    }
    for (Field f : schema.fields()) {
      if (f.required()
          && !node.has(f.name())
          && (f.deprecated() == null || !node.has(f.deprecated()))) {
        problems.error(
            append(written, f.name()),
            "required",
            f.type() == Type.TABLE
                ? "missing table [" + String.join(".", append(written, f.name())) + "] (required)"
                : "missing field '" + f.name() + "' (required)");
      }
    }
  }

  private void unknown(Field schema, String name, List<String> at) {
    List<String> names = schema.fields().stream().map(Field::name).toList();
    problems.error(
        at,
        "unknown-key",
        "unknown field '"
            + name
            + "'"
            + Spelling.nearest(name, names).map(s -> " (did you mean '" + s + "'?)").orElse("")
            + "; expected one of: "
            + String.join(", ", names),
        names);
  }

  private void value(Field field, JsonNode node, List<String> canonical, List<String> written) {
    if (!hasType(field.type(), node)) {
      problems.error(
          written,
          "type",
          "invalid type: found " + found(node) + ", expected " + field.type().description());
      return;
    }
    switch (field.type()) {
      case TABLE -> table((ObjectNode) node, field, canonical, written);
      case STRING_OR_TABLE -> {
        if (node.isObject()) {
          table((ObjectNode) node, field, canonical, written);
        }
      }
      case STRING_LIST -> {
        for (int i = 0; i < node.size(); i++) {
          if (!node.get(i).isTextual()) {
            problems.errorAt(
                written,
                append(written, Integer.toString(i)),
                "type",
                "invalid type: item "
                    + (i + 1)
                    + " is "
                    + found(node.get(i))
                    + ", expected a string");
            return;
          }
        }
      }
      case STRING_TABLE -> {
        boolean ok = true;
        Iterator<Map.Entry<String, JsonNode>> items = node.fields();
        while (items.hasNext()) {
          Map.Entry<String, JsonNode> item = items.next();
          if (!item.getValue().isTextual()) {
            problems.error(
                append(written, item.getKey()),
                "type",
                "invalid type: found " + found(item.getValue()) + ", expected a string");
            ok = false;
          }
        }
        if (!ok) {
          return;
        }
      }
      case INTEGER -> {
        if (!node.canConvertToLong() || node.asLong() < 0 || node.asLong() > U32_MAX) {
          problems.error(
              written,
              "type",
              "invalid value: " + node.asText() + ", expected a whole number from 0 to " + U32_MAX);
          return;
        }
      }
      default -> {
        if (!field.values().isEmpty() && !field.values().contains(node.asText())) {
          problems.error(
              written,
              "value",
              "unknown variant '"
                  + node.asText()
                  + "', expected one of: "
                  + String.join(", ", field.values()),
              field.values());
          return;
        }
      }
    }
    view.put(canonical, node, written);
  }

  private static boolean hasType(Type type, JsonNode node) {
    return switch (type) {
      case STRING -> node.isTextual();
      case BOOLEAN -> node.isBoolean();
      case INTEGER -> node.isIntegralNumber();
      case NUMBER -> node.isNumber();
      case STRING_LIST -> node.isArray();
      case TABLE, STRING_TABLE -> node.isObject();
      case STRING_OR_TABLE -> node.isTextual() || node.isObject();
    };
  }

  /** What a value is, for messages; never the value itself (it may be a secret). */
  private static String found(JsonNode node) {
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isIntegralNumber()) {
      return "an integer";
    }
    if (node.isNumber()) {
      return "a float";
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.isObject()
        ? "a table"
        : "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  static List<String> append(List<String> path, String key) {
    List<String> all = new ArrayList<>(path);
    all.add(key);
    return List.copyOf(all);
  }
}
