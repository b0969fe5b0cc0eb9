package io.github.pveiso.iso.verify;

import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.verify.VerificationReport.Check;
import java.util.List;

/** The identity an output must keep: volume id and the volume date GRUB uses as UUID. */
final class IdentityChecks {
  private IdentityChecks() {}

  static List<Check> run(IsoImage src, IsoImage out) {
    return List.of(
        same("volume id", src.volumeId(), out.volumeId()),
        same("volume date (GRUB UUID)", src.volumeDateUuid(), out.volumeDateUuid()));
  }

  static Check same(String name, String expected, String actual) {
    return expected.equals(actual)
        ? Check.pass(name, "'" + actual + "' as in the source")
        : Check.fail(name, "'" + actual + "' but the source has '" + expected + "'");
  }
}
