package io.github.pveiso.pipeline.plan;

import io.github.pveiso.debian.ControlFields;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.DebEntry;
import io.github.pveiso.pipeline.stage.repack.FirmwarePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads what the planner needs from a .deb: its firmware files, microcode, and DKMS use. */
public final class DebContentsReader {

  /** Reads {@code deb}; {@code label} names it in errors. */
  public DebContents read(String label, Path deb) {
    List<String> firmware = new ArrayList<>();
    List<String> intel = new ArrayList<>();
    List<String> amd = new ArrayList<>();
    boolean[] dkms = {false};
    try (InputStream in = Files.newInputStream(deb)) {
      DebArchive archive = DebArchive.open(label, in);
      dkms[0] =
          ControlFields.relations(label, archive.control(), "Depends").stream()
              .flatMap(g -> g.alternatives().stream())
              .anyMatch(r -> r.name().equals("dkms"));
      archive.readData(
          (DebEntry entry, InputStream content) -> {
            if (entry.path().endsWith("/dkms.conf") && entry.path().startsWith("usr/src/")) {
              dkms[0] = true;
            }
            if (entry.type() == DebEntry.Type.DIRECTORY) {
              return;
            }
            FirmwarePaths.below(entry.path())
                .filter(p -> !p.isEmpty())
                .ifPresent(
                    rel -> {
                      firmware.add(rel);
                      if (rel.startsWith("intel-ucode/")) {
                        intel.add(rel);
                      } else if (rel.startsWith("amd-ucode/")) {
                        amd.add(rel);
                      }
                    });
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + label + ": " + e.getMessage(), e);
    }
    return new DebContents(
        firmware.stream().sorted().toList(),
        intel.stream().sorted().toList(),
        amd.stream().sorted().toList(),
        dkms[0]);
  }
}
