package io.github.pveiso.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value as one layer gave it, before it is typed: a JSON/YAML node from a config file, or text
 * (as a {@code TextNode}) from the environment, a flag or a default.
 *
 * @param node the value
 * @param fromText true when the value is text to be parsed (environment, flags, defaults), false
 *     when it is a typed node from a file
 * @param origin where it came from
 */
record RawValue(JsonNode node, boolean fromText, Origin origin) {}
