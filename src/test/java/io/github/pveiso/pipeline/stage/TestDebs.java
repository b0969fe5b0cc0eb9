package io.github.pveiso.pipeline.stage;

import io.github.pveiso.debian.DebWriter;
import io.github.pveiso.debian.Stanza;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small real .deb files for build tests with pveiso's own DebWriter. */
final class TestDebs {
  private TestDebs() {}

  static Path deb(
      Path dir,
      String name,
      String version,
      Map<String, String> extraFields,
      List<DebWriter.Item> items)
      throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Package", name);
    fields.put("Version", version);
    fields.put("Architecture", "all");
    fields.put("Maintainer", "pveiso tests <tests@invalid>");
    fields.putAll(extraFields);
    fields.put("Description", "test package " + name);
    Path out = dir.resolve(name + "_" + version + "_all.deb");
    try (OutputStream o = Files.newOutputStream(out)) {
      new DebWriter(DebWriter.Compressor.GZ, 1_700_000_000L).write(Stanza.of(fields), items, o);
    }
    return out;
  }
}
