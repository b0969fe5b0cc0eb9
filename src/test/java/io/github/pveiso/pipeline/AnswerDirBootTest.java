package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.iso.boottest.BootReport;
import io.github.pveiso.iso.boottest.BootTester;
import io.github.pveiso.iso.boottest.QemuSetup;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's ISO of an {@code answer_dir} build (the shared base grown by the node's answer, and
 * verified beside the first node's) boots in every mode its layout supports, and GRUB sees the
 * answer, the mode file and the edited menu's timeout.
 */
@Tag("slow")
class AnswerDirBootTest {

  @TempDir Path dir;

  @Test
  void theLastNodesIsoBootsInEveryMode() throws IOException {
    Path answers = Files.createDirectories(dir.resolve("answers"));
    for (String node : List.of("pve-1", "pve-2")) {
      Files.writeString(
          answers.resolve(node + ".toml"), AutoInstallBuildTest.ANSWER.replace("pve-1", node));
    }
    Path script = Files.writeString(dir.resolve("first-boot.sh"), AutoInstallBuildTest.SCRIPT);
    List<Built> built =
        new BuildPipeline(
                Clock.systemUTC(), new SystemProcessRunner(), EventListener.NONE, Optional::empty)
            .buildAll(
                AutoInstallBuildTest.settings(
                    dir,
                    Fixtures.Fixture.MKRESCUE.iso(),
                    dir.resolve("out"),
                    Map.of(
                        ConfigKey.ANSWER_DIR, answers.toString(),
                        ConfigKey.FIRST_BOOT, script.toString(),
                        ConfigKey.BOOT_TIMEOUT, "5"),
                    Map.of()),
                false,
                false,
                new StageTimer(Clock.systemUTC(), EventListener.NONE));
    Built last = built.get(1);
    assertThat(last.after()).isEqualTo(last.planned().source().layout());
    List<BootReport> boots =
        new BootTester(
                new SystemProcessRunner(),
                QemuSetup.debian(),
                EventListener.NONE,
                Duration.ofMinutes(3))
            .bootAll(
                last.output(),
                last.after(),
                EfiArchitecture.AMD64,
                Fixtures.Fixture.MKRESCUE.grubMarker(),
                Fixtures.GRUB_DONE);
    assertThat(boots).hasSize(6).allMatch(BootReport::passed, "passed");
    assertThat(boots)
        .allSatisfy(
            b ->
                assertThat(b.console())
                    .contains("PVEISO-FILE /auto-installer-mode.toml")
                    .contains("PVEISO-FILE /answer.toml")
                    .contains("PVEISO-FILE /proxmox-first-boot"));
  }
}
