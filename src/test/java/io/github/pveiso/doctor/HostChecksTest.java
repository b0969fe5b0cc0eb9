package io.github.pveiso.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigLoader;
import io.github.pveiso.config.ConfigRequest;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostChecksTest {

  @TempDir Path dir;

  BuildSettings settings() {
    return new ConfigLoader(EventListener.NONE)
        .load(new ConfigRequest(Optional.empty(), Map.of("HOME", dir.toString()), Map.of(), dir));
  }

  /** A fake xorriso on a PATH of our own: a script that prints the given version line. */
  Path fakeXorriso(String versionLine) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path script = bin.resolve("xorriso");
    Files.writeString(script, "#!/bin/sh\necho '" + versionLine + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  HostCheck find(List<HostCheck> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void missingXorrisoSaysWhatToInstall() {
    List<HostCheck> checks =
        new HostChecks(new SystemProcessRunner(), Map.of("PATH", dir.resolve("empty").toString()))
            .run(settings());
    assertThat(find(checks, "xorriso"))
        .isEqualTo(
            new HostCheck(
                "xorriso",
                HostCheck.Status.MISSING,
                "not found on PATH",
                Optional.of("install it: apt-get install xorriso")));
    assertThat(find(checks, "qemu-system-x86_64").status()).isEqualTo(HostCheck.Status.OPTIONAL);
    assertThat(find(checks, "qemu-system-x86_64").hint())
        .contains("apt-get install qemu-system-x86");
    assertThat(find(checks, "unsquashfs"))
        .isEqualTo(
            new HostCheck(
                "unsquashfs",
                HostCheck.Status.MISSING,
                "not found on PATH; plan and build read the base system's packages with it",
                Optional.of("install it: apt-get install squashfs-tools")));
  }

  @Test
  void unsquashfsOnThePathIsFound() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("sbin"));
    Path program = bin.resolve("unsquashfs");
    Files.writeString(program, "#!/bin/sh\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<HostCheck> checks =
        new HostChecks(new SystemProcessRunner(), Map.of("PATH", bin.toString())).run(settings());
    assertThat(find(checks, "unsquashfs"))
        .isEqualTo(
            new HostCheck("unsquashfs", HostCheck.Status.OK, program.toString(), Optional.empty()));
  }

  @Test
  void oldXorrisoIsMissing() throws IOException {
    Path bin = fakeXorriso("xorriso 1.4.8 : RockRidge filesystem manipulator");
    HostCheck check =
        find(
            new HostChecks(new SystemProcessRunner(), Map.of("PATH", bin.toString()))
                .run(settings()),
            "xorriso");
    assertThat(check.status()).isEqualTo(HostCheck.Status.MISSING);
    assertThat(check.detail()).isEqualTo("xorriso 1.4.8 at " + bin.resolve("xorriso"));
    assertThat(check.hint()).contains("pveiso needs xorriso 1.5.0 or newer");
  }

  @Test
  void goodXorrisoIsOk() throws IOException {
    Path bin = fakeXorriso("xorriso 1.5.6 : RockRidge filesystem manipulator, libburnia project.");
    HostCheck check =
        find(
            new HostChecks(new SystemProcessRunner(), Map.of("PATH", bin.toString()))
                .run(settings()),
            "xorriso");
    assertThat(check)
        .isEqualTo(
            new HostCheck(
                "xorriso",
                HostCheck.Status.OK,
                "xorriso 1.5.6 at " + bin.resolve("xorriso"),
                Optional.empty()));
  }

  @Test
  void diskChecksLookAtTheNearestExistingFolder() {
    List<HostCheck> checks =
        new HostChecks(new SystemProcessRunner(), Map.of("PATH", "")).run(settings());
    assertThat(find(checks, "disk at work_dir").detail())
        .endsWith(" GiB free at " + dir.resolve("work"));
    assertThat(find(checks, "disk at output_dir").detail())
        .endsWith(" GiB free at " + dir.resolve("output"));
  }

  @Test
  void versionsCompareNumerically() {
    assertThat(HostChecks.compare(new int[] {1, 5, 10}, new int[] {1, 5, 9})).isPositive();
    assertThat(HostChecks.compare(new int[] {1, 4, 99}, new int[] {1, 5, 0})).isNegative();
    assertThat(HostChecks.compare(new int[] {1, 5, 0}, new int[] {1, 5, 0})).isZero();
  }
}
