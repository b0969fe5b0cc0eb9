package io.github.pveiso.initrd;

import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.DebEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Takes the early microcode files out of intel-microcode and amd64-microcode .debs. */
public final class MicrocodePackages {

  private MicrocodePackages() {}

  /**
   * The regular files of {@code deb} that are early microcode ({@link
   * MicrocodeFile#vendorOf(String)}), in archive order; nothing else is read into memory.
   */
  public static List<MicrocodeFile> files(DebArchive deb) throws IOException {
    List<MicrocodeFile> files = new ArrayList<>();
    deb.readData(
        (entry, content) -> {
          if (entry.type() == DebEntry.Type.FILE
              && MicrocodeFile.vendorOf(entry.path()).isPresent()) {
            files.add(new MicrocodeFile(entry.path(), content.readAllBytes()));
          }
        });
    return files;
  }

  /** {@code Package=Version} from the control file, for the marker's source lines. */
  public static String source(DebArchive deb) {
    return deb.control().get("Package", "?") + "=" + deb.control().get("Version", "?");
  }
}
