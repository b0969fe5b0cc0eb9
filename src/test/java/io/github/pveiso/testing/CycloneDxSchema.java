package io.github.pveiso.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Validates a CycloneDX 1.6 JSON document against the official schema, shipped as test resources
 * ({@code io/github/pveiso/cyclonedx/}, see its README): nothing is fetched.
 */
public final class CycloneDxSchema {
  private static final String ID = "http://cyclonedx.org/schema/";
  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V7,
              builder ->
                  builder.schemaMappers(
                      m -> m.mapPrefix(ID, "classpath:io/github/pveiso/cyclonedx/")))
          .getSchema(SchemaLocation.of(ID + "bom-1.6.schema.json"));

  private CycloneDxSchema() {}

  /** The schema's complaints about {@code json}, one line each, sorted; empty when it is valid. */
  public static List<String> problems(String json) {
    try {
      JsonNode node = new ObjectMapper().readTree(json);
      return SCHEMA.validate(node).stream().map(ValidationMessage::toString).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
