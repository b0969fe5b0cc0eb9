package io.github.pveiso.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.github.pveiso.Version;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.write.WriteStrategy;
import io.github.pveiso.pipeline.stage.Staged;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code <name>.iso.sha256}, {@code <name>.manifest.json} and the SBOM {@code
 * <name>.cdx.json} (see {@link BuildSbom}) beside the output. The manifest and the SBOM are
 * reproducible: no times, no local paths; stage timings go in the command's result.
 */
final class ReportStep {

  private final EventListener events;

  ReportStep(EventListener events) {
    this.events = events;
  }

  /**
   * Writes the side files beside the ISO's temporary file, then publishes the three (see {@link
   * OutputClaim#publish}): an interrupt before that stops the build with nothing published.
   *
   * @param verified the output under its temporary name, with its SHA-256 computed while it was
   *     verified
   */
  Built call(Planned planned, Staged staged, VerifyStep.Verified verified, OutputClaim claim) {
    Path output = claim.output();
    Path written = verified.result().output();
    WriteStrategy writer = verified.result().strategy();
    String sha256 = verified.sha256();
    String name = output.getFileName().toString();
    BootLayout after;
    try (IsoImage image = IsoImage.open(written)) {
      after = image.bootLayout();
    }
    String manifestName = name.replaceAll("\\.iso$", "") + ".manifest.json";
    long size;
    try {
      size = Files.size(written);
      claim.writeSideFile(name + ".sha256", sha256 + "  " + name + "\n");
      claim.writeSideFile(
          manifestName, manifestJson(planned, staged, name, sha256, size, after, writer));
      claim.writeSideFile(
          name.replaceAll("\\.iso$", "") + ".cdx.json",
          BuildSbom.json(planned, staged, name, sha256));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the side files of " + output, e);
    }
    claim.publish();
    events.info("wrote " + output + " (" + size + " bytes, sha256 " + sha256 + ")");
    Path manifest = output.resolveSibling(manifestName);
    return new Built(
        planned, staged, output, sha256, size, manifest, after, writer, Optional.empty());
  }

  static String manifestJson(
      Planned planned,
      Staged staged,
      String name,
      String sha256,
      long size,
      BootLayout after,
      WriteStrategy writer)
      throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("pveiso", Version.current());
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("url", planned.iso().source().toString());
    source.put("sha256", planned.iso().sha256().toString());
    source.put("size", planned.iso().size());
    source.put("verified", planned.iso().verified());
    doc.put("source", source);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("sha256", sha256);
    out.put("size", size);
    out.put("writer", writer.name());
    doc.put("output", out);
    doc.put("architecture", planned.plan().isoArchitecture());
    doc.put("targets", planned.plan().targets());
    doc.put("packages", planned.plan().packages());
    doc.put("skippedOptional", planned.skippedOptional());
    doc.put("firmwarePrecedence", planned.plan().firmwarePrecedence());
    doc.put("firmware", planned.plan().firmware());
    doc.put("files", staged.files());
    doc.put("notes", staged.notes());
    staged.autoInstall().ifPresent(a -> doc.put("autoInstall", a));
    doc.put("warnings", planned.plan().warnings());
    if (planned.installerFirmware().asked()) {
      doc.put("installerFirmware", planned.installerFirmware().manifest());
    }
    if (planned.bootMenu().asked()) {
      doc.put("bootMenu", planned.bootMenu().manifest());
    }
    doc.put("bootLayout", Map.of("before", planned.source().layout(), "after", after));
    return mapper().writeValueAsString(doc) + "\n";
  }

  /**
   * One mapper for every manifest of a run (configured once, thread-safe): an {@code answer_dir}
   * build writes one per node, and a new mapper would learn the same types again each time.
   */
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  static ObjectMapper mapper() {
    return MAPPER;
  }
}
