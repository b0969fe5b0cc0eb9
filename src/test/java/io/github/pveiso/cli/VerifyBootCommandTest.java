package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.testing.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class VerifyBootCommandTest {

  @Test
  void bootsEveryModeOfTheProxmoxLikeFixture() {
    Path iso = Fixtures.Fixture.MKRESCUE.iso();
    CliRun run =
        CliRun.run(
            Path.of("/"),
            Map.of(),
            "verify",
            "--boot",
            "--boot-marker",
            Fixtures.Fixture.MKRESCUE.grubMarker(),
            iso.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("boot amd64 BIOS CD: PASSED in [0-9.]+ s")
        .containsPattern("boot amd64 BIOS DISK: PASSED")
        .containsPattern("boot amd64 BIOS USB: PASSED")
        .containsPattern("boot amd64 UEFI CD: PASSED")
        .containsPattern("boot amd64 UEFI DISK: PASSED")
        .containsPattern("boot amd64 UEFI USB: PASSED");
  }

  @Test
  void aMarkerThatNeverComesFailsWithExit3() {
    Path iso = Fixtures.Fixture.ARM64.iso();
    CliRun run =
        CliRun.run(
            Path.of("/"),
            Map.of(),
            "verify",
            "--boot",
            "--boot-marker",
            "NEVER-PRINTED",
            iso.toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).contains("boot arm64 UEFI CD: ");
  }
}
