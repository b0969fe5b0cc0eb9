package io.github.pveiso.installcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.proc.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpkgStatusTest {
  @TempDir Path dir;

  @Test
  void namesEveryPackageThatIsNotFullyInstalled() throws IOException {
    Files.writeString(
        dir.resolve("status"),
        """
        Package: a
        Status: install ok installed
        Version: 1

        Package: b
        Status: install ok half-configured
        Version: 1
        """);
    List<InstallerCheck.Package> packages =
        List.of(
            new InstallerCheck.Package("a.deb", "a", Optional.empty()),
            new InstallerCheck.Package("b.deb", "b", Optional.empty()),
            new InstallerCheck.Package("c.deb", "c", Optional.empty()));
    assertThat(DpkgStatus.notInstalled(dir, packages))
        .containsExactly(
            "b is not installed at the end (status install ok half-configured)",
            "c is not installed at the end (dpkg has no record of it)");
  }

  @Test
  void dpkgErrorsFallBackToTheLastErrorLine() {
    ProcessRunner.Result result =
        new ProcessRunner.Result(
            2, "", "dpkg: error: something odd\n", false, false, Duration.ZERO);
    assertThat(DpkgErrors.reason(result)).isEqualTo("dpkg: error: something odd");
  }

  @Test
  void dpkgErrorsCollectTheIndentedLinesOfEachError() {
    String stderr =
        """
        dpkg: regarding b.deb containing b:
         a conflicts with b
          b (version 1) is to be installed.

        dpkg: error processing archive b.deb (--unpack):
         conflicting packages - not installing b
        Errors were encountered while processing:
         b.deb
        """;
    ProcessRunner.Result result =
        new ProcessRunner.Result(1, "", stderr, false, false, Duration.ZERO);
    assertThat(DpkgErrors.reason(result))
        .isEqualTo("a conflicts with b; conflicting packages - not installing b");
  }
}
