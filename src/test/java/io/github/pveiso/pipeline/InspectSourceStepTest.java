package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import io.github.pveiso.debian.CraftedDeb;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.Xorriso;
import io.github.pveiso.proxmox.ProductInfoReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source ISO's packages are the user's input: a bad control field stops the build, exit 3. */
class InspectSourceStepTest {

  @TempDir Path dir;

  @Test
  void aPackageWithABadControlFieldOnTheIsoIsExit3NamingTheFile() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("tree/proxmox/packages"));
    new CraftedDeb("bad", "1.0")
        .controlText("Package: bad\nVersion: \nArchitecture: all\n")
        .write(tree);
    Path iso = Xorriso.mkisofs(dir.resolve("bad.iso"), dir.resolve("tree"), "-R", "-V", "PVE");
    try (IsoImage image = IsoImage.open(iso)) {
      assertThatThrownBy(() -> InspectSourceStep.packages(image, ProductInfoReader.read(image)))
          .isInstanceOf(VerificationException.class)
          .hasMessage(
              "/proxmox/packages/bad_1.0_all.deb: control field Version: invalid Debian version ''");
    }
  }
}
