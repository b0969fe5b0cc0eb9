package io.github.pveiso.installcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer check as a normal user: when the tests run as root, dpkg is started through a
 * wrapper that gives the scratch root to {@code nobody} (as if that user had made it) and drops to
 * {@code nobody} with {@code setpriv}; otherwise the tests already run as a normal user.
 */
@Tag("slow")
class InstallerCheckAsUserTest {
  @TempDir Path dir;

  @Test
  void worksWithoutRootToo() throws IOException {
    Path setpriv = Path.of("/usr/bin/setpriv");
    boolean root = "root".equals(System.getProperty("user.name"));
    String dpkg = "dpkg";
    Path scratch = dir.resolve("root");
    if (root) {
      Assumptions.assumeTrue(Files.isExecutable(setpriv), "setpriv is not installed");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path wrapper = dir.resolve("dpkg-as-nobody");
      Files.writeString(
          wrapper,
          "#!/bin/sh\nchown -R 65534:65534 '"
              + scratch
              + "'\nexec "
              + setpriv
              + " --reuid=65534 --regid=65534 --clear-groups dpkg \"$@\"\n");
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
      dpkg = wrapper.toString();
    }
    Path pve = StandInDebs.pveFirmware(dir);
    Path realtek = StandInDebs.firmwareRealtek(dir);
    InstallerCheck check =
        new InstallerCheck(
            new SystemProcessRunner(), EventListener.NONE, Duration.ofMinutes(2), dpkg);

    InstallerCheckResult result = check.check(List.of(pve), List.of(realtek), scratch);

    assertThat(result)
        .isEqualTo(
            new InstallerCheckResult.Failed(
                "unpack firmware-realtek_20230625-2_all.deb",
                "pve-firmware conflicts with firmware-realtek; conflicting packages - not"
                    + " installing firmware-realtek"));
    assertThat(Files.getOwner(scratch.resolve("lib/firmware/rtl_nic/rtl8168h-2.fw")).getName())
        .isEqualTo(root ? "nobody" : System.getProperty("user.name"));
  }
}
