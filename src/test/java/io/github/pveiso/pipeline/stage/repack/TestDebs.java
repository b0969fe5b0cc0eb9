package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.debian.DebWriter;
import io.github.pveiso.debian.Stanza;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes small source .debs (gzip, which is quicker than xz) for the repacker's tests. */
final class TestDebs {
  static final long EPOCH = 1_700_000_000L;

  private TestDebs() {}

  static RepackSource deb(Path dir, String name, String version, DebWriter.Item... items)
      throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Package", name);
    fields.put("Version", version);
    fields.put("Architecture", "all");
    fields.put("Maintainer", "Test <test@example.org>");
    fields.put("Description", "stand-in for " + name);
    Path deb = dir.resolve(name + "_" + version + "_all.deb");
    try (OutputStream out = Files.newOutputStream(deb)) {
      new DebWriter(DebWriter.Compressor.GZ, EPOCH).write(Stanza.of(fields), List.of(items), out);
    }
    return new RepackSource(deb, name, version);
  }

  static DebWriter.Item file(String path, String content) {
    return DebWriter.Item.file(
        path, 0644, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static DebWriter.Item link(String path, String target) {
    return DebWriter.Item.symlink(path, target);
  }
}
