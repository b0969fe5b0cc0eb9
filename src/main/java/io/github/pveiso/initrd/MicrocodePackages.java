package io.github.pveiso.initrd;

import io.github.pveiso.VerificationException;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.DebEntry;
import io.github.pveiso.debian.DebLimits;
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
    long[] total = {0};
    deb.readData(
        (entry, content) -> {
          if (entry.type() == DebEntry.Type.FILE
              && MicrocodeFile.vendorOf(entry.path()).isPresent()) {
            DebLimits.checkFirmwareFile(deb.toString(), entry);
            total[0] += entry.size();
            if (total[0] > DebLimits.FIRMWARE_FILE) {
              throw new VerificationException(
                  deb
                      + ": the early microcode files up to '"
                      + entry.path()
                      + "' hold more than pveiso's limit of "
                      + DebLimits.describe(DebLimits.FIRMWARE_FILE)
                      + " in all");
            }
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
